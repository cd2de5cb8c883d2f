package org.ketaclinic.interop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

}
