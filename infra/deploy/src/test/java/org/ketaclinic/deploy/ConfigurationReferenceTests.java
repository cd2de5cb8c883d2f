package org.ketaclinic.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/operations/configuration.md} is the one reference a deployer reads: it
 * names every {@code ketaclinic.*} property the code binds (from the configuration
 * metadata the build generates), each row's environment variable is the one Spring Boot
 * binds to that property, and every variable Compose or Kubernetes sets is in it.
 */
class ConfigurationReferenceTests {

	private static final String DOCUMENT = "docs/operations/configuration.md";

	/**
	 * A table row: property, environment variable (a list may add "(comma-separated)"),
	 * default, meaning.
	 */
	private static final Pattern ROW = Pattern
		.compile("^\\| `([a-z0-9.\\-\\[\\]*]+)` \\| `([A-Z0-9_*]+)`(?: \\(comma-separated\\))? \\|", Pattern.MULTILINE);

	private static final List<String> MODULES = List.of("services/platform", "services/intake/intake-service",
			"services/screening/screening-service", "services/scheduling/scheduling-service",
			"services/followup/followup-service", "gateway");

	@Test
	void everyPropertyTheCodeBindsIsDocumented() throws Exception {
		Map<String, String> rows = rows();
		Set<String> bound = new LinkedHashSet<>();
		for (String module : MODULES) {
			Path metadata = Project.path(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
			if (!Files.exists(metadata)) {
				// a module without @ConfigurationProperties of its own (intake) has none
				continue;
			}
			for (JsonNode property : new ObjectMapper().readTree(metadata.toFile()).path("properties")) {
				bound.add(property.path("name").asText());
			}
		}
		assertThat(bound).as("the metadata lists the platform's own settings")
			.contains("ketaclinic.outbox.relay-enabled", "ketaclinic.followup.delivery.workers",
					"ketaclinic.gateway.rate-limit.per-second");
		assertThat(bound.stream()
			.filter((name) -> name.startsWith("ketaclinic."))
			.filter((name) -> !documented(rows, name))).as("ketaclinic.* properties missing from " + DOCUMENT)
			.isEmpty();
	}

	@Test
	void eachRowNamesTheVariableSpringBootBindsToItsProperty() throws Exception {
		Map<String, String> rows = rows();
		assertThat(rows).hasSizeGreaterThan(50);
		rows.forEach((property, variable) -> assertThat(variable).as(property).isIn(environmentNames(property)));
	}

	@Test
	void everyVariableComposeAndKubernetesSetIsDocumented() throws Exception {
		Set<String> variables = new LinkedHashSet<>();
		ComposeFile compose = ComposeFile.read(Project.read("infra/compose/compose.yaml"));
		for (String name : List.of("intake", "screening", "scheduling", "followup", "gateway")) {
			variables.addAll(compose.services.get(name).environment().keySet());
		}
		for (String overlay : List.of("single-clinic", "clinic-group")) {
			Manifests manifests = KubernetesManifestsTests.overlay(overlay);
			for (Deployment deployment : manifests.all(Deployment.class).toList()) {
				for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
					container.getEnv().stream().map(EnvVar::getName).forEach(variables::add);
					for (EnvFromSource source : container.getEnvFrom()) {
						variables.addAll(manifests.named(ConfigMap.class, source.getConfigMapRef().getName())
							.getData()
							.keySet());
					}
				}
			}
		}
		Map<String, String> rows = rows();
		assertThat(variables).hasSizeGreaterThan(20);
		assertThat(variables.stream()
			.filter((variable) -> !rows.containsValue(variable) && rows.values()
				.stream()
				.noneMatch((row) -> row.endsWith("*") && variable.startsWith(row.substring(0, row.length() - 1)))))
			.as("variables set by Compose or Kubernetes but missing from " + DOCUMENT)
			.isEmpty();
	}

	/**
	 * Whether a row names the property, a wildcard row ({@code .*}, {@code [*]}) covers
	 * it, or rows name its leaves (a nested settings object such as the screening
	 * criteria).
	 */
	private static boolean documented(Map<String, String> rows, String property) {
		return rows.keySet()
			.stream()
			.map((row) -> row.replaceFirst("(\\.\\*|\\[\\*])$", ""))
			.anyMatch((row) -> property.equals(row) || property.startsWith(row + ".") || property.startsWith(row + "[")
					|| row.startsWith(property + "."));
	}

	/**
	 * Spring Boot's names for a property in the environment: dots to underscores, dashes
	 * removed (canonical) or to underscores (legacy), upper case; a trailing {@code *}
	 * (map entries, list indexes) stays.
	 */
	static Set<String> environmentNames(String property) {
		String upper = property.replace('.', '_').replace("[", "_").replace("]", "").toUpperCase();
		Set<String> names = new LinkedHashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
		if (property.endsWith("[*]")) {
			// a list also binds from one comma-separated variable without an index
			String list = upper.substring(0, upper.length() - 2);
			names.addAll(List.of(list.replace("-", ""), list.replace('-', '_')));
		}
		return names;
	}

	private static Map<String, String> rows() throws Exception {
		String document = Files.readString(Project.path(DOCUMENT));
		Map<String, String> rows = new LinkedHashMap<>();
		Matcher matcher = ROW.matcher(document);
		List<String> duplicates = new ArrayList<>();
		while (matcher.find()) {
			if (rows.put(matcher.group(1), matcher.group(2)) != null) {
				duplicates.add(matcher.group(1));
			}
		}
		assertThat(duplicates).as("properties listed twice").isEmpty();
		return rows;
	}

}
