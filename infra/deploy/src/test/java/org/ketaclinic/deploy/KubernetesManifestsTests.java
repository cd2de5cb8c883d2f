package org.ketaclinic.deploy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes overlays, rendered with {@code kubectl kustomize} and read through
 * fabric8's typed model: what a deployer applies is complete, bounded and locked down.
 */
class KubernetesManifestsTests {

	private static final Map<String, Manifests> RENDERED = new HashMap<>();

	/** Checked against their operators' schemas by {@link OperatorResourcesTests}. */
	private static final Set<String> OPERATOR_KINDS = Set.of("kafka.strimzi.io/v1 Kafka",
			"kafka.strimzi.io/v1 KafkaNodePool", "kafka.strimzi.io/v1 KafkaTopic", "kafka.strimzi.io/v1 KafkaUser",
			"postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database", "postgresql.cnpg.io/v1 ScheduledBackup",
			"barmancloud.cnpg.io/v1 ObjectStore", "monitoring.coreos.com/v1 PodMonitor",
			"monitoring.coreos.com/v1 PrometheusRule");

	/**
	 * A released image: its name, the version's tag for the reader, and the digest that
	 * is pulled.
	 */
	private static final String PINNED_IMAGE = "ghcr\\.io/ketaclinic/[a-z-]+:[\\w.-]+@sha256:[0-9a-f]{64}";

	/** Partitions of each service's event topic: the ceiling on a consumer group. */
	private static final int EVENT_PARTITIONS = 12;

	/**
	 * Connections a role may need beyond its replicas' pools: a migration, an operator's
	 * psql.
	 */
	private static final int CONNECTION_HEADROOM = 5;

	/** max_connections kept for the operator, replication and superuser sessions. */
	private static final int RESERVED_CONNECTIONS = 20;

	static synchronized Manifests overlay(String name) throws Exception {
		Manifests manifests = RENDERED.get(name);
		if (manifests == null) {
			manifests = Manifests.render(name);
			RENDERED.put(name, manifests);
		}
		return manifests;
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void everyObjectParsesIntoTheTypedModelWithNoUnknownField(String name) throws Exception {
		Manifests manifests = overlay(name);
		assertThat(manifests.objects()).hasSizeGreaterThan(40);
		for (HasMetadata object : manifests.objects()) {
			String kind = object.getApiVersion() + " " + object.getKind();
			if (object instanceof GenericKubernetesResource) {
				assertThat(OPERATOR_KINDS).as("only the operators' kinds are untyped").contains(kind);
			}
			assertThat(Manifests.unknownFields(object)).as(kind + " " + object.getMetadata().getName()).isEmpty();
			assertThat(object.getMetadata().getLabels()).as(kind + " " + object.getMetadata().getName())
				.containsEntry("app.kubernetes.io/part-of", "ketaclinic");
			if (!"Namespace".equals(object.getKind())) {
				assertThat(object.getMetadata().getNamespace()).isEqualTo("ketaclinic");
			}
		}
	}

	@Test
	void aMisspeltFieldIsCaught() {
		Manifests typo = Manifests.parse("""
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: intake
				spec:
				  template:
				    spec:
				      containers:
				        - name: intake
				          readinessProbes:
				            httpGet: {path: /actuator/health/readiness, port: 8081}
				""");
		assertThat(Manifests.unknownFields(typo.objects().get(0))).singleElement()
			.asString()
			.contains("containers[0]")
			.contains("readinessProbes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void everyDeploymentHasProbesLimitsAndANonRootLockedDownContext(String name) throws Exception {
		List<Deployment> deployments = overlay(name).all(Deployment.class).toList();
		assertThat(deployments).extracting((deployment) -> deployment.getMetadata().getName())
			.containsExactlyInAnyOrder("gateway", "intake", "screening", "scheduling", "followup");
		for (Deployment deployment : deployments) {
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			String what = deployment.getMetadata().getName();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(what).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).as(what).isPositive();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
			assertThat(pod.getAutomountServiceAccountToken()).as(what).isFalse();
			for (Container container : pod.getContainers()) {
				assertProbe(container.getReadinessProbe(), "/actuator/health/readiness", what);
				assertProbe(container.getLivenessProbe(), "/actuator/health/liveness", what);
				assertProbe(container.getStartupProbe(), "/actuator/health/liveness", what);
				assertThat(container.getResources().getRequests()).as(what).containsKeys("cpu", "memory");
				assertThat(container.getResources().getLimits()).as(what).containsKeys("cpu", "memory");
				assertThat(container.getResources().getLimits().get("memory").getNumericalAmount())
					.as(what + " memory limit at least its request")
					.isGreaterThanOrEqualTo(container.getResources().getRequests().get("memory").getNumericalAmount());
				assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(what).isFalse();
				assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(what).isTrue();
				assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(what).containsExactly("ALL");
				assertThat(container.getImage()).as(what + ": pinned by digest").matches(PINNED_IMAGE);
			}
		}
	}

	private static void assertProbe(Probe probe, String path, String what) {
		assertThat(probe).as(what + " probe " + path).isNotNull();
		assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
		// actuator on the pod's management port (ADR 0014)
		assertThat(probe.getHttpGet().getPort().getStrVal()).as(what).isEqualTo("management");
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void everyDeploymentHasADisruptionBudgetAndAnAutoscalerWithinItsPartitions(String name) throws Exception {
		Manifests manifests = overlay(name);
		for (Deployment deployment : manifests.all(Deployment.class).toList()) {
			String app = deployment.getMetadata().getName();
			Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			PodDisruptionBudget budget = manifests.named(PodDisruptionBudget.class, app);
			assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
			HorizontalPodAutoscaler autoscaler = manifests.named(HorizontalPodAutoscaler.class, app);
			assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(app);
			assertThat(deployment.getSpec().getReplicas())
				.as(app + ": the autoscaler owns the count; an apply with replicas would reset it")
				.isNull();
			assertThat(budget.getSpec().getMinAvailable().getIntVal()).isPositive()
				.isLessThan(autoscaler.getSpec().getMinReplicas());
			assertThat(autoscaler.getSpec().getMaxReplicas()).as(app + ": no more consumers than partitions")
				.isGreaterThan(autoscaler.getSpec().getMinReplicas())
				.isLessThanOrEqualTo(EVENT_PARTITIONS);
			Service service = manifests.named(Service.class, app);
			assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void eachRolesConnectionLimitCoversItsAutoscalersCeilingAndTheirSumFitsTheDatabase(String name) throws Exception {
		Manifests manifests = overlay(name);
		Map<String, Object> cluster = spec(manifests.custom("Cluster", "ketaclinic-db").orElseThrow());
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> roles = (List<Map<String, Object>>) child(cluster, "managed").get("roles");
		int limits = 0;
		for (Map<String, Object> role : roles) {
			if (Boolean.TRUE.equals(role.get("login"))) {
				assertThat(role.get("connectionLimit")).as(role.get("name") + ": a login role has a limit")
					.isInstanceOf(Integer.class);
				limits += (Integer) role.get("connectionLimit");
			}
		}
		for (Project.Deployable service : Project.SERVICES) {
			Map<String, Object> role = roles.stream()
				.filter((candidate) -> service.name().equals(candidate.get("name")))
				.findFirst()
				.orElseThrow();
			int pool = poolSize(manifests, service);
			// a rolling update at the ceiling starts maxSurge more pods before it stops
			// one
			int ceiling = manifests.named(HorizontalPodAutoscaler.class, service.name()).getSpec().getMaxReplicas()
					+ manifests.named(Deployment.class, service.name())
						.getSpec()
						.getStrategy()
						.getRollingUpdate()
						.getMaxSurge()
						.getIntVal();
			assertThat((Integer) role.get("connectionLimit"))
				.as(service.name() + ": every replica at the autoscaler's ceiling plus a rolling update's surge ("
						+ ceiling + ") with its pool (" + pool + ") and its outbox relay's own session, and "
						+ CONNECTION_HEADROOM + " for a migration or an operator's session, under the role's limit")
				.isGreaterThanOrEqualTo(ceiling * (pool + 1) + CONNECTION_HEADROOM);
		}
		int maxConnections = Integer
			.parseInt((String) child(child(cluster, "postgresql"), "parameters").get("max_connections"));
		assertThat(limits)
			.as("all login roles at their limits, with room for the operator's, replication and "
					+ "superuser connections")
			.isLessThanOrEqualTo(maxConnections - RESERVED_CONNECTIONS);
	}

	/**
	 * Hikari's maximum pool size of a service as deployed: its Deployment's environment,
	 * else the ConfigMaps it takes its environment from, else its application.yml, else
	 * Hikari's default of 10.
	 */
	private static int poolSize(Manifests manifests, Project.Deployable service) {
		String variable = "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE";
		Container container = manifests.named(Deployment.class, service.name())
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0);
		for (EnvVar env : container.getEnv()) {
			if (env.getName().equals(variable)) {
				assertThat(env.getValue()).as(variable + " of " + service.name() + ": a literal").isNotNull();
				return Integer.parseInt(env.getValue());
			}
		}
		for (var source : container.getEnvFrom()) {
			if (source.getConfigMapRef() != null) {
				String value = manifests.named(ConfigMap.class, source.getConfigMapRef().getName())
					.getData()
					.get(variable);
				if (value != null) {
					return Integer.parseInt(value);
				}
			}
		}
		Object configured = (child(child(service.settings(), "spring"), "datasource")
			.get("hikari") instanceof Map<?, ?> hikari) ? hikari.get("maximum-pool-size") : null;
		return (configured != null) ? Integer.parseInt(configured.toString()) : 10;
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void secretsAreReferencedNeverInlined(String name) throws Exception {
		Manifests manifests = overlay(name);
		assertThat(manifests.all(Secret.class)).as("no Secret objects in the manifests").isEmpty();
		for (ConfigMap config : manifests.all(ConfigMap.class).toList()) {
			assertThat(config.getData().keySet()).as(config.getMetadata().getName())
				.noneMatch((key) -> key.matches("(?i).*(password|secret|jaas).*"));
		}
		for (Deployment deployment : manifests.all(Deployment.class).toList()) {
			for (EnvVar env : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
				if (env.getName().matches(".*(PASSWORD|SECRET|JAAS_CONFIG|USERNAME).*")) {
					assertThat(env.getValue()).as(env.getName() + " in " + deployment.getMetadata().getName()).isNull();
					assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void onlyTheGatewayIsReachableFromOutsideAndServicesOnlyFromTheGateway(String name) throws Exception {
		Manifests manifests = overlay(name);
		List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class).toList();
		NetworkPolicy denyAll = manifests.named(NetworkPolicy.class, "default-deny-ingress");
		assertThat(denyAll.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
		assertThat(denyAll.getSpec().getIngress()).isNullOrEmpty();
		List<HTTPRoute> routes = manifests.all(HTTPRoute.class).toList();
		assertThat(routes).extracting((route) -> route.getMetadata().getName())
			.containsExactlyInAnyOrder("gateway", "gateway-https-redirect");
		Set<String> gatewayNamespaces = routes.stream()
			.flatMap((route) -> route.getSpec().getParentRefs().stream())
			.map(ParentReference::getNamespace)
			.collect(Collectors.toSet());
		assertThat(gatewayNamespaces).as("one Gateway, in the platform team's namespace").hasSize(1);
		for (Deployment deployment : manifests.all(Deployment.class).toList()) {
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			List<NetworkPolicyPeer> from = policies.stream()
				.filter((policy) -> policy.getSpec().getPolicyTypes().contains("Ingress"))
				.filter((policy) -> Manifests.selects(policy.getSpec().getPodSelector(), labels))
				.flatMap((policy) -> policy.getSpec().getIngress().stream())
				// Prometheus reaches the management port only (MonitoringManifestsTests)
				.filter((rule) -> rule.getPorts()
					.stream()
					.noneMatch((port) -> "management".equals(port.getPort().getStrVal())))
				.flatMap((rule) -> rule.getFrom().stream())
				.toList();
			assertThat(from).as(deployment.getMetadata().getName()).isNotEmpty().allSatisfy((peer) -> {
				assertThat(peer.getIpBlock()).as("no address ranges").isNull();
				if (deployment.getMetadata().getName().equals("gateway")) {
					assertThat(peer.getNamespaceSelector().getMatchLabels()).as("the Gateway's proxies only")
						.containsEntry("kubernetes.io/metadata.name", gatewayNamespaces.iterator().next());
				}
				else {
					assertThat(peer.getNamespaceSelector()).as("from this namespace only").isNull();
					assertThat(peer.getPodSelector().getMatchLabels())
						.isEqualTo(Map.of("app.kubernetes.io/name", "gateway"));
				}
			});
		}
		assertThat(manifests.all(Ingress.class)).as("Gateway API, not an Ingress (ADR 0015)").isEmpty();
		assertThat(manifests.objects()).as("no ingress-nginx annotations: that controller is retired")
			.allSatisfy((object) -> assertThat(object.getMetadata().getAnnotations()).isNullOrEmpty());
		HTTPRoute https = manifests.named(HTTPRoute.class, "gateway");
		assertThat(https.getSpec().getParentRefs()).singleElement()
			.extracting(ParentReference::getSectionName)
			.isEqualTo("https");
		assertThat(https.getSpec().getRules()).flatExtracting(HTTPRouteRule::getBackendRefs)
			.extracting(HTTPBackendRef::getName, HTTPBackendRef::getPort)
			.containsOnly(org.assertj.core.groups.Tuple.tuple("gateway", 8080));
		HTTPRoute http = manifests.named(HTTPRoute.class, "gateway-https-redirect");
		assertThat(http.getSpec().getHostnames()).isEqualTo(https.getSpec().getHostnames());
		assertThat(http.getSpec().getRules()).allSatisfy((rule) -> {
			assertThat(rule.getBackendRefs()).as("plain HTTP reaches nothing").isNullOrEmpty();
			assertThat(rule.getFilters()).singleElement().satisfies((filter) -> {
				assertThat(filter.getType()).isEqualTo("RequestRedirect");
				assertThat(filter.getRequestRedirect().getScheme()).isEqualTo("https");
			});
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void theGatewayBelievesForwardedHeadersOnlyFromTheNetworksTheOverlayNames(String name) throws Exception {
		Manifests manifests = overlay(name);
		EnvVar trusted = gatewayEnv(manifests, "KETACLINIC_GATEWAY_TRUSTEDPROXIES");
		assertThat(trusted.getValue()).as("from the overlay's ConfigMap, not the base").isNull();
		assertThat(trusted.getValueFrom().getConfigMapKeyRef().getOptional()).as("no start without it")
			.isNotEqualTo(Boolean.TRUE);
		ConfigMap edge = manifests.named(ConfigMap.class, trusted.getValueFrom().getConfigMapKeyRef().getName());
		String networks = edge.getData().get(trusted.getValueFrom().getConfigMapKeyRef().getKey());
		assertThat(networks).as(name + " names its ingress controller's networks").isNotBlank();
		for (String network : networks.split(",")) {
			String cidr = network.trim();
			String[] parts = cidr.split("/");
			assertThat(parts[0]).as(cidr).matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*");
			int prefix = (parts.length > 1) ? Integer.parseInt(parts[1]) : (cidr.contains(":") ? 128 : 32);
			assertThat(prefix).as(cidr + ": not a whole private range, let alone everyone")
				.isGreaterThanOrEqualTo(cidr.contains(":") ? 48 : 16);
			assertThat(cidr).as(cidr).isNotIn("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12");
		}
	}

	@Test
	void withoutAnOverlayTheGatewayTrustsNoProxyAndDoesNotStart() throws Exception {
		Manifests base = Manifests.parse(Kubectl.kustomize(Project.root().resolve("infra/k8s/base")));
		EnvVar trusted = gatewayEnv(base, "KETACLINIC_GATEWAY_TRUSTEDPROXIES");
		assertThat(trusted.getValue()).isNull();
		String configMap = trusted.getValueFrom().getConfigMapKeyRef().getName();
		assertThat(base.all(ConfigMap.class).map((map) -> map.getMetadata().getName()))
			.as("the kubelet refuses to start a container whose ConfigMap is missing")
			.doesNotContain(configMap);
	}

	private static EnvVar gatewayEnv(Manifests manifests, String variable) {
		return manifests.named(Deployment.class, "gateway")
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0)
			.getEnv()
			.stream()
			.filter((env) -> env.getName().equals(variable))
			.findFirst()
			.orElseThrow();
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void theGatewayKeepsSessionsInARedisOnlyItReachesBehindAPassword(String name) throws Exception {
		Manifests manifests = overlay(name);
		assertThat(gatewayEnv(manifests, "KETACLINIC_GATEWAY_SESSION_STORE").getValue())
			.as("shared by every replica: the Gateway API keeps no browser on one replica")
			.isEqualTo("redis");
		String host = gatewayEnv(manifests, "SPRING_DATA_REDIS_HOST").getValue();
		Service service = manifests.named(Service.class, host);
		assertThat(service.getSpec().getPorts()).extracting((port) -> port.getPort()).containsExactly(6379);
		StatefulSet redis = manifests.named(StatefulSet.class, host);
		assertThat(redis.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(service.getSpec().getSelector());
		PodSpec pod = redis.getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		Container container = pod.getContainers().get(0);
		assertThat(container.getImage()).as("pinned by digest").matches("[a-z0-9./-]+:[\\w.-]+@sha256:[0-9a-f]{64}");
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
		String password = gatewayEnv(manifests, "SPRING_DATA_REDIS_PASSWORD").getValueFrom()
			.getSecretKeyRef()
			.getName();
		assertThat(container.getArgs()).as("the server asks for the password the gateway has")
			.containsSubsequence("--requirepass", "$(REDIS_PASSWORD)");
		assertThat(container.getEnv()).filteredOn((env) -> env.getName().equals("REDIS_PASSWORD"))
			.singleElement()
			.satisfies((env) -> {
				assertThat(env.getValue()).isNull();
				assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(password);
			});
		Map<String, String> labels = redis.getSpec().getTemplate().getMetadata().getLabels();
		List<NetworkPolicy> selecting = manifests.all(NetworkPolicy.class)
			.filter((policy) -> Manifests.selects(policy.getSpec().getPodSelector(), labels))
			.toList();
		assertThat(selecting.stream()
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains("Ingress"))
			.flatMap((policy) -> policy.getSpec().getIngress().stream())
			.flatMap((rule) -> rule.getFrom().stream())).as("from the gateway only").allSatisfy((peer) -> {
				assertThat(peer.getNamespaceSelector()).isNull();
				assertThat(peer.getIpBlock()).isNull();
				assertThat(peer.getPodSelector().getMatchLabels())
					.isEqualTo(Map.of("app.kubernetes.io/name", "gateway"));
			}).isNotEmpty();
		assertThat(selecting.stream().filter((policy) -> policy.getSpec().getPolicyTypes().contains("Egress")))
			.as("it calls no one")
			.isNotEmpty()
			.allSatisfy((policy) -> assertThat(policy.getSpec().getEgress()).isNullOrEmpty());
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void servicesReachKafkaAndTheirDatabaseAndTheGatewayDoesNot(String name) throws Exception {
		Manifests manifests = overlay(name);
		List<NetworkPolicy> egress = manifests.all(NetworkPolicy.class)
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains("Egress"))
			.toList();
		for (Deployment deployment : manifests.all(Deployment.class).toList()) {
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			Set<Integer> clusterPorts = egress.stream()
				.filter((policy) -> Manifests.selects(policy.getSpec().getPodSelector(), labels))
				.flatMap((policy) -> policy.getSpec().getEgress().stream())
				.filter((rule) -> rule.getTo().stream().allMatch((peer) -> peer.getIpBlock() == null))
				.flatMap((rule) -> rule.getPorts().stream())
				.map((port) -> port.getPort().getIntVal())
				.collect(Collectors.toCollection(TreeSet::new));
			if (deployment.getMetadata().getName().equals("gateway")) {
				assertThat(clusterPorts).as("gateway: DNS, its sessions' Redis and the services only")
					.containsExactly(53, 6379, 8081, 8082, 8083, 8084);
				assertThat(labels).doesNotContainKeys("ketaclinic.org/kafka-client", "ketaclinic.org/database-client");
			}
			else {
				assertThat(clusterPorts).as(deployment.getMetadata().getName()).containsExactly(53, 5432, 9093);
				assertThat(labels).containsEntry("ketaclinic.org/kafka-client", "true")
					.containsEntry("ketaclinic.org/database-client", "true");
			}
		}
		// Strimzi makes the listener's policy from these peers: the labelled services
		// only
		Map<String, Object> listener = listFirst(manifests.custom("Kafka", "ketaclinic-kafka").orElseThrow(), "kafka",
				"listeners");
		assertThat(listener).containsEntry("tls", true);
		assertThat(listener.get("networkPolicyPeers")).isEqualTo(
				List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("ketaclinic.org/kafka-client", "true")))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void everyTopicTheServicesUseExistsReplicatedThreeWaysWithTwoInSync(String name) throws Exception {
		Manifests manifests = overlay(name);
		Map<String, Map<String, Object>> topics = manifests.custom("KafkaTopic")
			.collect(
					Collectors.toMap((topic) -> (String) spec(topic).get("topicName"), KubernetesManifestsTests::spec));
		for (Project.Deployable service : Project.SERVICES) {
			Map<String, Object> events = child(child(service.settings(), "ketaclinic"), "events");
			List<String> produces = List.of(((String) events.get("produces")).split(","))
				.stream()
				.map(String::trim)
				.toList();
			for (String produced : produces) {
				assertThat(topics).containsKey(produced);
				assertThat(topics.get(produced)).containsEntry("partitions", EVENT_PARTITIONS);
			}
			@SuppressWarnings("unchecked")
			List<String> consumes = (List<String>) events.get("consumes");
			for (String consumed : consumes) {
				assertThat(topics).containsKeys(consumed, consumed + ".DLT");
			}
			GenericKubernetesResource user = manifests.custom("KafkaUser", service.name()).orElseThrow();
			for (String produced : produces) {
				assertThat(acls(user)).contains(produced + " Write");
			}
			if (!consumes.isEmpty()) {
				assertThat(acls(user)).contains("group " + service.name() + " Read");
			}
			for (String consumed : consumes) {
				assertThat(acls(user)).contains(consumed + " Read", consumed + ".DLT Write");
			}
			assertThat(acls(user)).as(service.name() + " may not write another service's events")
				.filteredOn((acl) -> acl.startsWith("ketaclinic.") && acl.endsWith(" Write") && !acl.contains(".DLT "))
				.containsExactlyInAnyOrderElementsOf(produces.stream().map((topic) -> topic + " Write").toList());
			if (!service.name().equals("screening") && !service.name().equals("intake")) {
				assertThat(acls(user)).as(service.name() + " may not read intake's clinical section (issue 18)")
					.doesNotContain("ketaclinic.intake.events Read");
			}
			if (!service.name().equals("interop")) {
				assertThat(acls(user)).as(service.name() + " may not read patients' names (ADR 18)")
					.doesNotContain("ketaclinic.intake.interop Read");
			}
		}
		topics.forEach((topic, spec) -> {
			assertThat(spec).as(topic).containsEntry("replicas", 3);
			assertThat(child(spec, "config")).as(topic).containsEntry("min.insync.replicas", 2);
		});
		Map<String, Object> kafka = child(spec(manifests.custom("Kafka", "ketaclinic-kafka").orElseThrow()), "kafka");
		assertThat(child(kafka, "config")).containsEntry("min.insync.replicas", 2)
			.containsEntry("default.replication.factor", 3)
			.containsEntry("auto.create.topics.enable", false);
		int brokers = manifests.custom("KafkaNodePool")
			.filter((pool) -> ((List<?>) spec(pool).get("roles")).contains("broker"))
			.mapToInt((pool) -> (Integer) spec(pool).get("replicas"))
			.sum();
		assertThat(brokers).as("replication 3 needs 3 brokers").isGreaterThanOrEqualTo(3);
		ConfigMap config = manifests.named(ConfigMap.class, "ketaclinic-services");
		assertThat(config.getData()).containsEntry("SPRING_KAFKA_ADMIN_AUTOCREATE", "false");
	}

	@ParameterizedTest
	@ValueSource(strings = { "single-clinic", "clinic-group" })
	void everyServiceHasItsOwnDatabaseAndRoleWhoseSecretItReads(String name) throws Exception {
		Manifests manifests = overlay(name);
		GenericKubernetesResource cluster = manifests.custom("Cluster", "ketaclinic-db").orElseThrow();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> roles = (List<Map<String, Object>>) child(spec(cluster), "managed").get("roles");
		for (Project.Deployable service : Project.SERVICES) {
			Map<String, Object> role = roles.stream()
				.filter((candidate) -> service.name().equals(candidate.get("name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no role " + service.name()));
			String secret = (String) child(role, "passwordSecret").get("name");
			Map<String, Object> database = spec(manifests.custom("Database", service.name()).orElseThrow());
			assertThat(database).containsEntry("owner", service.name()).containsEntry("name", service.name());
			Deployment deployment = manifests.named(Deployment.class, service.name());
			Map<String, EnvVar> env = deployment.getSpec()
				.getTemplate()
				.getSpec()
				.getContainers()
				.get(0)
				.getEnv()
				.stream()
				.collect(Collectors.toMap(EnvVar::getName, (var) -> var));
			assertThat(env.get("SPRING_DATASOURCE_URL").getValue()).as("TLS, the server's certificate and name checked")
				.startsWith("jdbc:postgresql://ketaclinic-db-rw:5432/" + service.name() + "?")
				.contains("sslmode=verify-full")
				.contains("sslrootcert=/etc/postgres-ca/ca.crt");
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			String caVolume = pod.getContainers()
				.get(0)
				.getVolumeMounts()
				.stream()
				.filter((mount) -> mount.getMountPath().equals("/etc/postgres-ca"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service.name() + " mounts no PostgreSQL CA"))
				.getName();
			assertThat(pod.getVolumes()).filteredOn((volume) -> volume.getName().equals(caVolume))
				.singleElement()
				.satisfies((volume) -> {
					assertThat(volume.getSecret().getSecretName()).as("the CA CloudNativePG made for the cluster")
						.isEqualTo(cluster.getMetadata().getName() + "-ca");
					assertThat(volume.getSecret().getItems()).as("its certificate, never its key")
						.extracting((item) -> item.getKey())
						.containsExactly("ca.crt");
				});
			assertThat(env.get("SPRING_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
				.isEqualTo(secret);
			assertThat(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName())
				.as("the KafkaUser's own Secret")
				.isEqualTo(service.name());
		}
	}

	private static List<String> acls(GenericKubernetesResource user) {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> acls = (List<Map<String, Object>>) child(spec(user), "authorization").get("acls");
		return acls.stream().flatMap((acl) -> {
			Map<String, Object> resource = child(acl, "resource");
			String target = "group".equals(resource.get("type")) ? "group " + resource.get("name")
					: String.valueOf(resource.get("name"));
			return ((List<?>) acl.get("operations")).stream().map((operation) -> target + " " + operation);
		}).toList();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> spec(GenericKubernetesResource resource) {
		return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> child(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		assertThat(value).as(key).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> listFirst(GenericKubernetesResource resource, String key, String list) {
		return ((List<Map<String, Object>>) child(spec(resource), key).get(list)).get(0);
	}

}
