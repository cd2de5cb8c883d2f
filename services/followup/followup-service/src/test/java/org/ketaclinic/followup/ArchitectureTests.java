package org.ketaclinic.followup;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.intake.events.IntakeAmended;
import org.ketaclinic.intake.events.IntakeSubmitted;
import org.ketaclinic.platform.security.InCallersClinics;
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

	/**
	 * ADR 12: whatever the staff endpoints read or change of patient or roster rows, they
	 * reach through methods that filter by the caller's clinics in their own SQL (marked
	 * {@link InCallersClinics}) or take the caller's clinics as a {@code String[]}. The
	 * exceptions are not staff reads of another clinic: the patient's own check-in link
	 * (its token is the scope), the SMS provider's webhook (a system path), the pages of
	 * alerts already loaded in scope, the last-primary check of an entry loaded in scope,
	 * and a new roster entry in the clinic {@code ClinicScope.forNewRecord} chose.
	 */
	@Test
	void endpointsReachPatientRowsOnlyThroughTheCallersClinics() {
		noClasses().that()
			.resideInAPackage("org.ketaclinic.followup.web..")
			.should()
			.callMethodWhere(unscopedRowAccess())
			.because("staff see and change only their clinics' patients (ADR 12)")
			.check(this.classes);
	}

	private static DescribedPredicate<JavaMethodCall> unscopedRowAccess() {
		Set<String> notStaffReads = Set.of("org.ketaclinic.followup.checkin.AnsweringCheckIns",
				"org.ketaclinic.followup.inbound.ReadingReplies");
		Set<String> ofRowsLoadedInScope = Set.of("org.ketaclinic.followup.alert.Paging.pagesOf",
				"org.ketaclinic.followup.alert.OnCallRoster.isLastPrimaryOnCall",
				// a new entry, in the clinic ClinicScope.forNewRecord chose
				"org.ketaclinic.followup.alert.OnCallRoster.add");
		return new DescribedPredicate<>(
				"a repository or service of patient or roster rows not in the caller's clinics") {
			@Override
			public boolean test(JavaMethodCall call) {
				String owner = call.getTargetOwner().getName();
				boolean rows = owner.startsWith("org.ketaclinic.followup.")
						&& !owner.startsWith("org.ketaclinic.followup.policy.")
						&& (call.getTargetOwner().isAnnotatedWith("org.springframework.stereotype.Repository")
								|| call.getTargetOwner().isAnnotatedWith("org.springframework.stereotype.Service"));
				boolean scoped = call.getTarget()
					.resolveMember()
					.map((method) -> method.isAnnotatedWith(InCallersClinics.class))
					.orElse(false)
						|| call.getTarget()
							.getRawParameterTypes()
							.stream()
							.anyMatch((type) -> type.getName().equals(String[].class.getName()));
				boolean excepted = notStaffReads.contains(owner)
						|| ofRowsLoadedInScope.contains(owner + "." + call.getName());
				return rows && !scoped && !excepted;
			}
		};
	}

}
