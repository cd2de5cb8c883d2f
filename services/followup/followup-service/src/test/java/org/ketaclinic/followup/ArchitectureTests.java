package org.ketaclinic.followup;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.ArchitectureRules;

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

}
