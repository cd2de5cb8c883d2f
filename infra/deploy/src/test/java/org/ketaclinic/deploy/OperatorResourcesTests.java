package org.ketaclinic.deploy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' resources (CloudNativePG, its Barman Cloud plugin, Strimzi, the Gateway
 * API, the Prometheus Operator) as their operators would take them: each validated
 * against the schema of the operator's own published CRD, vendored in
 * {@code src/test/resources/crds}, at the versions {@code docs/adr/0007} names as the
 * minimum.
 */
class OperatorResourcesTests {

	/** The API groups whose CRDs are vendored: every resource of them is validated. */
	private static final Set<String> VENDORED_GROUPS = Set.of("postgresql.cnpg.io", "barmancloud.cnpg.io",
			"kafka.strimzi.io", "gateway.networking.k8s.io", "monitoring.coreos.com");

	private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\|\\s*([^|]+?)\\s*\\|\\s*([^|]+?)\\s*\\|(.*)$");

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void everyOperatorResourceIsAcceptedByItsOperatorsPublishedSchema(String name) throws Exception {
		CrdSchemas crds = CrdSchemas.load();
		Set<String> validated = new TreeSet<>();
		List<String> violations = new ArrayList<>();
		for (HasMetadata object : KubernetesManifestsTests.overlay(name).objects()) {
			if (VENDORED_GROUPS.contains(group(object.getApiVersion()))) {
				violations.addAll(crds.violations(object));
				validated.add(object.getApiVersion() + " " + object.getKind());
			}
		}
		assertThat(violations).as(name).isEmpty();
		assertThat(validated).as("every kind the platform declares was checked")
			.containsExactlyInAnyOrder("postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database",
					"postgresql.cnpg.io/v1 ScheduledBackup", "barmancloud.cnpg.io/v1 ObjectStore",
					"kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool", "kafka.strimzi.io/v1 KafkaTopic",
					"kafka.strimzi.io/v1 KafkaUser", "gateway.networking.k8s.io/v1 HTTPRoute",
					"monitoring.coreos.com/v1 PodMonitor", "monitoring.coreos.com/v1 PrometheusRule");
	}

	@Test
	void aMisspeltFieldAWrongTypeAndARemovedApiVersionAreRefused() {
		CrdSchemas crds = CrdSchemas.load();
		List<JsonNode> resources = CrdSchemas.documents("""
				apiVersion: postgresql.cnpg.io/v1
				kind: Cluster
				metadata: {name: misspelt}
				spec:
				  instances: 3
				  storage: {size: 20Gi}
				  managed:
				    roles:
				      - name: intake
				        connectionLimt: 50
				---
				apiVersion: kafka.strimzi.io/v1
				kind: KafkaTopic
				metadata: {name: mistyped}
				spec:
				  partitions: twelve
				---
				apiVersion: kafka.strimzi.io/v1beta2
				kind: KafkaTopic
				metadata: {name: retired}
				spec:
				  partitions: 12
				---
				apiVersion: gateway.networking.k8s.io/v1
				kind: HTTPRoute
				metadata: {name: experimental}
				spec:
				  rules:
				    - sessionPersistence: {type: Cookie}
				---
				apiVersion: monitoring.coreos.com/v1
				kind: PodMonitor
				metadata: {name: misspelt}
				spec:
				  selector:
				    matchLabels: {app.kubernetes.io/component: service}
				  podMetricsEndpoints:
				    - port: management
				      scrapeTimout: 10s
				---
				apiVersion: monitoring.coreos.com/v1
				kind: PrometheusRule
				metadata: {name: prose-duration}
				spec:
				  groups:
				    - name: ketaclinic.availability
				      rules:
				        - alert: KetaclinicServiceDown
				          expr: up == 0
				          for: 5 minutes
				""");
		assertThat(crds.violations(resources.get(0))).singleElement().asString().contains("connectionLimt");
		assertThat(crds.violations(resources.get(1))).singleElement().asString().contains("partitions");
		assertThat(crds.violations(resources.get(2))).singleElement()
			.asString()
			.contains("kafka.strimzi.io/v1beta2 KafkaTopic")
			.contains("no vendored CRD");
		assertThat(crds.violations(resources.get(3))).as("experimental channel fields are not in the standard CRD")
			.singleElement()
			.asString()
			.contains("sessionPersistence");
		assertThat(crds.violations(resources.get(4))).singleElement().asString().contains("scrapeTimout");
		assertThat(crds.violations(resources.get(5))).as("Prometheus's duration syntax")
			.singleElement()
			.asString()
			.contains("/spec/groups/0/rules/0/for");
	}

	@Test
	void theRestoreDrillsClusterIsAcceptedAndRecoversTheProductionClustersBackups() throws Exception {
		CrdSchemas crds = CrdSchemas.load();
		List<JsonNode> drill = CrdSchemas.documents(Project.read("infra/k8s/restore-drill/cluster.yaml"));
		JsonNode cluster = drill.stream()
			.filter((resource) -> "Cluster".equals(resource.path("kind").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(crds.violations(cluster)).isEmpty();
		Manifests manifests = KubernetesManifestsTests.overlay("single-clinic");
		Map<String, Object> production = KubernetesManifestsTests
			.spec(manifests.custom("Cluster", "ketaclinic-db").orElseThrow());
		assertThat(cluster.path("spec").path("imageName").asString()).as("the same PostgreSQL as production")
			.isEqualTo(production.get("imageName"));
		assertThat(cluster.path("spec").has("plugins")).as("the drill archives nothing into production's backups")
			.isFalse();
		String source = cluster.path("spec").path("bootstrap").path("recovery").path("source").asString();
		JsonNode external = null;
		for (JsonNode candidate : cluster.path("spec").path("externalClusters")) {
			if (source.equals(candidate.path("name").asString())) {
				external = candidate;
			}
		}
		assertThat(external).as("the recovery's source").isNotNull();
		String store = external.path("plugin").path("parameters").path("barmanObjectName").asString();
		assertThat(manifests.custom("ObjectStore", store)).as("the ObjectStore production backs up to").isPresent();
		assertThat(external.path("plugin").path("parameters").path("serverName").asString()).isEqualTo("ketaclinic-db");
		assertThat(cluster.path("spec")
			.path("bootstrap")
			.path("recovery")
			.path("recoveryTarget")
			.path("targetTime")
			.asString()).as("a point in time").isNotBlank();
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void theDatabaseArchivesEveryWalSegmentAndIsBackedUpNightlyToAnEncryptedObjectStore(String name) throws Exception {
		Manifests manifests = KubernetesManifestsTests.overlay(name);
		Map<String, Object> cluster = KubernetesManifestsTests
			.spec(manifests.custom("Cluster", "ketaclinic-db").orElseThrow());
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> plugins = (List<Map<String, Object>>) cluster.get("plugins");
		Map<String, Object> archiver = plugins.stream()
			.filter((plugin) -> Boolean.TRUE.equals(plugin.get("isWALArchiver")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no WAL archiver: no point-in-time recovery"));
		assertThat(archiver).containsEntry("name", "barman-cloud.cloudnative-pg.io");
		String storeName = (String) KubernetesManifestsTests.child(archiver, "parameters").get("barmanObjectName");
		Map<String, Object> store = KubernetesManifestsTests
			.spec(manifests.custom("ObjectStore", storeName).orElseThrow());
		assertThat((String) store.get("retentionPolicy")).as("how far back a recovery can go").matches("\\d+[dwm]");
		Map<String, Object> configuration = KubernetesManifestsTests.child(store, "configuration");
		assertThat((String) configuration.get("destinationPath")).startsWith("s3://");
		assertThat(KubernetesManifestsTests.child(configuration, "wal")).containsEntry("encryption", "AES256");
		assertThat(KubernetesManifestsTests.child(configuration, "data")).containsEntry("encryption", "AES256");
		Map<String, Object> backup = KubernetesManifestsTests
			.spec(manifests.custom("ScheduledBackup").findFirst().orElseThrow());
		assertThat(KubernetesManifestsTests.child(backup, "cluster")).containsEntry("name", "ketaclinic-db");
		assertThat(backup).containsEntry("method", "plugin");
		assertThat(KubernetesManifestsTests.child(backup, "pluginConfiguration")).containsEntry("name",
				archiver.get("name"));
		assertThat(((String) backup.get("schedule")).split(" ")).as("six fields, seconds first: once a day")
			.hasSize(6)
			.startsWith("0", "0")
			.endsWith("*", "*", "*");
	}

	@Test
	void theDocumentedMinimumVersionsAreTheOnesTheSchemasAreFrom() throws Exception {
		Map<String, List<String>> vendored = rows(
				Files.readString(CrdSchemas.DIRECTORY.resolve("SOURCES.md")).split("\n\n\\| Operator")[1]);
		String adr = Project.read("docs/adr/0007-deployment-images-and-kustomize.md");
		String section = adr.substring(adr.indexOf("## Minimum versions"));
		Map<String, List<String>> minimums = rows(section.substring(0, section.indexOf("\n\n", section.indexOf("|"))));
		assertThat(vendored.keySet()).containsExactlyInAnyOrder("CloudNativePG", "Barman Cloud plugin", "Strimzi",
				"Gateway API", "Prometheus Operator");
		vendored.forEach((operator, columns) -> assertThat(minimums.get(operator)).as(operator + " in ADR 7")
			.isNotNull()
			.first()
			.isEqualTo(columns.get(0)));
		int kubernetes = vendored.values()
			.stream()
			.map((columns) -> columns.get(1))
			.filter((version) -> version.matches("1\\.\\d+"))
			.mapToInt((version) -> Integer.parseInt(version.substring(2)))
			.max()
			.orElseThrow();
		assertThat(minimums.get("Kubernetes")).as("the oldest Kubernetes every operator supports")
			.first()
			.isEqualTo("1." + kubernetes);
		String gatewayApi = Files
			.readString(CrdSchemas.DIRECTORY.resolve("gateway-api/gateway.networking.k8s.io_httproutes.yaml"));
		assertThat(gatewayApi)
			.contains("gateway.networking.k8s.io/bundle-version: v" + vendored.get("Gateway API").get(0))
			.contains("gateway.networking.k8s.io/channel: standard");
		for (String crd : List.of("monitoring.coreos.com_podmonitors.yaml",
				"monitoring.coreos.com_prometheusrules.yaml")) {
			assertThat(Files.readString(CrdSchemas.DIRECTORY.resolve("prometheus-operator").resolve(crd))).as(crd)
				.contains("operator.prometheus.io/version: " + vendored.get("Prometheus Operator").get(0));
		}
		Map<String, Object> kafka = KubernetesManifestsTests.child(KubernetesManifestsTests
			.spec(KubernetesManifestsTests.overlay("single-clinic").custom("Kafka", "ketaclinic-kafka").orElseThrow()),
				"kafka");
		assertThat(minimums.get("Apache Kafka")).as("the Kafka the Kafka resource asks for")
			.first()
			.isEqualTo(kafka.get("version"));
	}

	/** A Markdown table's rows: first cell to the other cells. */
	private static Map<String, List<String>> rows(String table) {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		Matcher row = TABLE_ROW.matcher(table);
		while (row.find()) {
			if (row.group(1).startsWith("---") || row.group(1).startsWith("Operator")
					|| row.group(1).startsWith("Component")) {
				continue;
			}
			List<String> cells = new ArrayList<>();
			cells.add(row.group(2));
			for (String cell : row.group(3).split("\\|")) {
				if (!cell.isBlank()) {
					cells.add(cell.trim());
				}
			}
			rows.put(row.group(1), cells);
		}
		return rows;
	}

	private static String group(String apiVersion) {
		return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
	}

}
