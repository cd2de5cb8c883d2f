package org.ketaclinic.followup.policy;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyScreenTests {

	@Test
	void item9OfTwoOrMoreIntentPlanBehaviourAndEmergencySymptomsAreUrgent() {
		assertThat(SafetyScreen.screen(2, false, false, false, Set.of()).severity())
			.isEqualTo(SafetyScreen.Severity.URGENT);
		assertThat(SafetyScreen.screen(3, false, false, false, Set.of()).reasons()).contains("PHQ9_ITEM9_AT_LEAST_2");
		assertThat(SafetyScreen.screen(0, true, false, false, Set.of()).reasons()).containsExactly("SUICIDAL_INTENT");
		assertThat(SafetyScreen.screen(0, false, true, false, Set.of()).reasons()).containsExactly("SUICIDAL_PLAN");
		assertThat(SafetyScreen.screen(0, false, false, true, Set.of()).severity())
			.isEqualTo(SafetyScreen.Severity.URGENT);
		assertThat(SafetyScreen.screen(0, false, false, false, Set.of("CHEST_PAIN", "NAUSEA")).reasons())
			.containsExactly("SEVERE_SYMPTOM_CHEST_PAIN");
	}

	@Test
	void item9OfOneAndSomeSideEffectsAreForReviewOthersAreNot() {
		assertThat(SafetyScreen.screen(1, false, false, false, Set.of()))
			.isEqualTo(new SafetyScreen.Finding(SafetyScreen.Severity.REVIEW, java.util.List.of("PHQ9_ITEM9_IS_1")));
		assertThat(SafetyScreen.screen(0, false, false, false, Set.of("URINARY_SYMPTOMS")).severity())
			.isEqualTo(SafetyScreen.Severity.REVIEW);
		assertThat(SafetyScreen.screen(0, false, false, false, Set.of("NAUSEA", "HEADACHE")).severity())
			.isEqualTo(SafetyScreen.Severity.NONE);
	}

}
