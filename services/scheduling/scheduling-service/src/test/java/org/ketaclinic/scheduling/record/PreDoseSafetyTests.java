package org.ketaclinic.scheduling.record;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PreDoseSafetyTests {

	static PreDoseSafety allNegative() {
		return new PreDoseSafety(0, false, false, false, false, false, false);
	}

	@Test
	void allNegativeAnswersRaiseNoConcern() {
		assertThat(allNegative().missing()).isEmpty();
		assertThat(allNegative().concerns()).isEmpty();
	}

	@Test
	void anItem9OfOneAlreadyHoldsTheDose() {
		assertThat(new PreDoseSafety(1, false, false, false, false, false, false).concerns())
			.containsExactly("PHQ9_ITEM9");
	}

	@Test
	void eachCssrsYesIsNamedByItsCode() {
		assertThat(new PreDoseSafety(0, true, true, true, true, true, true).concerns()).containsExactly(
				"CSSRS_WISH_DEAD", "CSSRS_ACTIVE_THOUGHTS", "CSSRS_METHOD", "CSSRS_INTENT", "CSSRS_PLAN",
				"CSSRS_BEHAVIOUR");
	}

	@Test
	void aMissingAnswerIsNamedAndNeverReadAsNo() {
		PreDoseSafety unanswered = new PreDoseSafety(null, false, null, false, false, false, null);
		assertThat(unanswered.missing()).containsExactly("safety.phq9Item9", "safety.activeThoughts",
				"safety.behaviour");
		assertThatIllegalStateException().isThrownBy(unanswered::concerns);
		assertThat(new PreDoseSafety(4, false, false, false, false, false, false).missing())
			.containsExactly("safety.phq9Item9");
	}

	@Test
	void anyPositiveAnswerAmongSeededRandomAnswersRaisesAConcern() {
		Random random = new Random(17);
		for (int i = 0; i < 2000; i++) {
			PreDoseSafety answers = new PreDoseSafety(random.nextInt(4), random.nextInt(5) == 0, random.nextInt(5) == 0,
					random.nextInt(5) == 0, random.nextInt(5) == 0, random.nextInt(5) == 0, random.nextInt(5) == 0);
			boolean anyPositive = answers.phq9Item9() >= 1 || answers.wishDead() || answers.activeThoughts()
					|| answers.method() || answers.intent() || answers.planWithIntent() || answers.behaviour();
			assertThat(answers.concerns().isEmpty()).as(answers.toString()).isEqualTo(!anyPositive);
		}
	}

}
