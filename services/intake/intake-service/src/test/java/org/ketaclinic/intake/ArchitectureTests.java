package org.ketaclinic.intake;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.ArchitectureRules;

import org.springframework.stereotype.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.ketaclinic.intake");

	@Test
	void everyEndpointDeclaresItsRoles() {
		ArchitectureRules.endpointsDeclareTheirRoles().check(this.classes);
	}

	/**
	 * Issue 20: intake takes in, checks and keeps its own {@code ClinicalAnswers}; the
	 * published {@code ClinicalSection} (the contract with screening) is built in one
	 * place, {@code IntakeContract}, so the request, the stored versions and the contract
	 * can each change on their own.
	 */
	@Test
	void onlyTheContractMappingKnowsThePublishedClinicalSection() {
		noClasses().that()
			.resideOutsideOfPackage("org.ketaclinic.intake.events..")
			.and()
			.doNotHaveSimpleName("IntakeContract")
			.should()
			.dependOnClassesThat()
			.haveNameMatching("org\\.ketaclinic\\.intake\\.events\\.ClinicalSection(\\$.*)?")
			.because("the clinical section is intake's own model; the event carries the contract")
			.check(this.classes);
	}

	@Test
	void clinicalSectionRulesArePlainJava() {
		ArchitectureRules.rulesArePlainJava(".*Rules").check(this.classes);
	}

	/**
	 * ADR 12: a repository method that finds, locks or searches patient rows takes the
	 * caller's clinics ({@code String[] clinics}), so no read forgets the scope.
	 */
	@Test
	void repositoryReadsTakeTheCallersClinics() {
		methods().that()
			.areDeclaredInClassesThat()
			.areAnnotatedWith(Repository.class)
			.and()
			.arePublic()
			.and()
			.haveNameMatching("(find|lock|search|possibleDuplicates).*")
			.should(new ArchCondition<JavaMethod>("take the caller's clinics as String[]") {
				@Override
				public void check(JavaMethod method, ConditionEvents events) {
					boolean scoped = method.getRawParameterTypes()
						.stream()
						.anyMatch((type) -> type.isEquivalentTo(String[].class));
					if (!scoped) {
						events.add(SimpleConditionEvent.violated(method,
								method.getFullName() + " reads patient rows without the caller's clinics"));
					}
				}
			})
			.check(this.classes);
	}

}
