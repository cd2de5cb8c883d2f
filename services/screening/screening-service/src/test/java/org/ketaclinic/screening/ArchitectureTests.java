package org.ketaclinic.screening;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.ArchitectureRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.ketaclinic.screening");

	@Test
	void everyEndpointDeclaresItsRoles() {
		ArchitectureRules.endpointsDeclareTheirRoles().check(this.classes);
	}

	/**
	 * ADR 12: whatever the staff endpoints read or change of patient rows, they read
	 * through the caller's clinics (a {@code String[]} of clinic ids that the query
	 * filters by). The one exception is a decision, read only for an assessment the
	 * endpoint has already loaded through the caller's clinics.
	 */
	@Test
	void endpointsReachPatientRowsOnlyThroughTheCallersClinics() {
		noClasses().that()
			.resideInAPackage("org.ketaclinic.screening.web..")
			.should()
			.callMethodWhere(unscopedPatientRowAccess())
			.because("staff see and change only their clinics' patients (ADR 12)")
			.check(this.classes);
	}

	private static DescribedPredicate<JavaMethodCall> unscopedPatientRowAccess() {
		return new DescribedPredicate<>("a repository or service of patient rows without the caller's clinics") {
			@Override
			public boolean test(JavaMethodCall call) {
				String owner = call.getTargetOwner().getName();
				boolean patientRows = owner.startsWith("org.ketaclinic.screening.assessment.")
						|| owner.startsWith("org.ketaclinic.screening.review.")
						|| owner.startsWith("org.ketaclinic.screening.consent.");
				boolean component = call.getTargetOwner().isAnnotatedWith("org.springframework.stereotype.Repository")
						|| call.getTargetOwner().isAnnotatedWith("org.springframework.stereotype.Service");
				boolean scoped = call.getTarget()
					.getRawParameterTypes()
					.stream()
					.anyMatch((type) -> type.getName().equals(String[].class.getName()));
				boolean decisionOfLoadedAssessment = owner.equals("org.ketaclinic.screening.review.Decisions")
						&& call.getName().equals("of");
				return patientRows && component && !scoped && !decisionOfLoadedAssessment;
			}
		};
	}

	/**
	 * Issue 20: the rules and the stored assessment read screening's own
	 * {@code ScreeningInput}; only the intake listener knows intake's event, and maps it.
	 * A field intake adds, renames or restructures in its contract changes one mapping,
	 * not the rules.
	 */
	@Test
	void theRulesAndAssessmentsNeverReadIntakesEvents() {
		noClasses().that()
			.resideInAnyPackage("org.ketaclinic.screening.criteria..", "org.ketaclinic.screening.assessment..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.ketaclinic.intake.events..")
			.because("screening maps intake's contract onto its own input in its listener")
			.check(this.classes);
	}

	@Test
	void theSuitabilityCriteriaArePlainJava() {
		ArchitectureRules.rulesArePlainJava("org\\.ketaclinic\\.screening\\.criteria\\..*").check(this.classes);
	}

}
