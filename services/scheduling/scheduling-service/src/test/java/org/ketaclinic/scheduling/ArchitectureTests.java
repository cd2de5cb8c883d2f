package org.ketaclinic.scheduling;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.ArchitectureRules;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.ketaclinic.scheduling");

	@Test
	void everyEndpointDeclaresItsRoles() {
		ArchitectureRules.endpointsDeclareTheirRoles().check(this.classes);
	}

	@Test
	void schedulingPoliciesArePlainJava() {
		ArchitectureRules.rulesArePlainJava(
				"org\\.ketaclinic\\.scheduling\\.(protocol\\.(Protocol|SeriesRules)|clinic\\.ClinicDay|record\\.(BloodPressureGate|PreDoseSafety)|safety\\.DosingHolds)(\\$.*)?")
			.check(this.classes);
	}

}
