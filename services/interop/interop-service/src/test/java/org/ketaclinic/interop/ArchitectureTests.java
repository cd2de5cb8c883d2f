package org.ketaclinic.interop;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.ArchitectureRules;
import org.yaml.snakeyaml.Yaml;

import org.springframework.kafka.annotation.KafkaListener;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.ketaclinic.interop");

	@Test
	void everyEndpointDeclaresItsRoles() {
		ArchitectureRules.endpointsDeclareTheirRoles().check(this.classes);
	}

	/**
	 * Issue 18 and ADR 18: the clinical section travels on intake's topic for screening
	 * alone. Interop builds its course from the patients topic and its own topic; the
	 * intake form's structure ({@code IntakeQuestionnaire}) may name the section's
	 * fields, nothing may read the events that carry it.
	 */
	@Test
	void interopNeverReadsTheEventsThatCarryTheClinicalSection() {
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.ketaclinic.intake.events.IntakeTopicEvent")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.ketaclinic.intake.events.IntakeSubmitted")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.ketaclinic.intake.events.IntakeAmended")
			.because("the clinical section is screening's alone (issue 18)")
			.check(this.classes);
	}

	/**
	 * The same rule where ArchUnit cannot see it (a topic is a string constant, inlined):
	 * the topics the service consumes, as configured and as its listeners name them.
	 */
	@Test
	void noListenerAndNoConfigurationNamesTheIntakeTopic() throws IOException {
		List<String> consumed;
		try (InputStream yaml = getClass().getResourceAsStream("/application.yml")) {
			Map<String, Object> root = new Yaml().load(yaml);
			consumed = path(root, "ketaclinic", "events", "consumes");
		}
		Set<String> listened = new TreeSet<>();
		for (JavaClass type : this.classes) {
			for (JavaMethod method : type.getMethods()) {
				method.tryGetAnnotationOfType(KafkaListener.class)
					.ifPresent((listener) -> listened.addAll(Arrays.asList(listener.topics())));
			}
		}
		assertThat(listened).as("topics the listeners name").isNotEmpty().isSubsetOf(consumed);
		assertThat(consumed).doesNotContain("ketaclinic.intake.events");
	}

	@SuppressWarnings("unchecked")
	private static List<String> path(Map<String, Object> root, String... keys) {
		Object node = root;
		for (String key : keys) {
			node = ((Map<String, Object>) node).get(key);
		}
		return (List<String>) node;
	}

}
