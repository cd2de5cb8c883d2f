package org.ketaclinic.followup;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.intake.events.IntakeAmended;
import org.ketaclinic.intake.events.IntakeSubmitted;
import org.ketaclinic.platform.test.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.ketaclinic.followup");

	@Test
	void everyEndpointDeclaresItsRoles() {
		ArchitectureRules.endpointsDeclareTheirRoles().check(this.classes);
	}

	@Test
	void followupRulesArePlainJava() {
		ArchitectureRules.rulesArePlainJava("org\\.ketaclinic\\.followup\\.policy\\..*").check(this.classes);
	}

	/**
	 * Issue 18, PHI kept minimal: follow-up takes the baseline PHQ-9 from
	 * {@code Phq9BaselineRecorded} on intake's patients topic, and never reads the
	 * intake's clinical section, nor the events that carry it.
	 */
	@Test
	void followupNeverReadsTheIntakesClinicalSection() {
		noClasses().should()
			.dependOnClassesThat()
			.belongToAnyOf(ClinicalSection.class, IntakeSubmitted.class, IntakeAmended.class)
			.because("follow-up gets the PHQ-9 total of the intake, not its clinical section (issue 18)")
			.check(this.classes);
	}

}
