package org.ketaclinic.screening.criteria;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.ketaclinic.screening.Sections;
import org.ketaclinic.screening.events.Outcome;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suicide items as patients really answer them: a {@code true} counts wherever it
 * stands, even where the C-SSRS skip logic says the question should not have been asked,
 * and a screener without its gateway questions counts as not done (SCR-URG-04).
 */
class SuicideRiskAnswersTests {

	private final SuitabilityCriteria criteria = new SuitabilityCriteria(Criteria.defaults());

	@Test
	void intentAnsweredYesThoughActiveThoughtsWereDeniedIsStillUrgent() {
		Evaluation evaluation = evaluate(cssrs((q) -> q.put("q2ActiveThoughts", false).put("q4Intent", true)));
		assertThat(evaluation.ruleIds()).contains("SCR-URG-01");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.URGENT_SAME_DAY_REVIEW);
	}

	@Test
	void aPlanWithIntentAnsweredYesThoughActiveThoughtsWereSkippedIsStillUrgent() {
		Evaluation evaluation = evaluate(cssrs((q) -> q.putNull("q2ActiveThoughts").put("q5PlanWithIntent", true)));
		assertThat(evaluation.ruleIds()).contains("SCR-URG-01", "SCR-REV-28");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.URGENT_SAME_DAY_REVIEW);
	}

	@Test
	void recentBehaviourAnsweredYesThoughLifetimeBehaviourWasDeniedIsStillUrgent() {
		Evaluation evaluation = evaluate(
				cssrs((q) -> q.put("q6BehaviorLifetime", false).put("q6BehaviorPast3Months", true)));
		assertThat(evaluation.ruleIds()).contains("SCR-URG-02").doesNotContain("SCR-REV-27");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.URGENT_SAME_DAY_REVIEW);
	}

	@Test
	void aMethodAnsweredYesThoughActiveThoughtsWereDeniedIsStillAHighPriorityReview() {
		Evaluation evaluation = evaluate(cssrs((q) -> q.put("q2ActiveThoughts", false).put("q3Method", true)));
		assertThat(evaluation.ruleIds()).contains("SCR-REV-26");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.NEEDS_CLINICIAN_REVIEW);
	}

	@Test
	void skipLogicBreakingAnswersAreNotReportedAsMissingButTheSkippedGatewayIs() {
		Evaluation denied = evaluate(cssrs((q) -> q.put("q2ActiveThoughts", false).put("q4Intent", true)));
		assertThat(denied.ruleIds()).doesNotContain("SCR-REV-28");
		Evaluation skipped = evaluate(cssrs((q) -> q.putNull("q2ActiveThoughts").put("q4Intent", true)));
		assertThat(missingFields(skipped)).containsExactly("cssrs.q2ActiveThoughts");
	}

	@Test
	void aPositiveItem9WithAScreenerWhoseQ1IsUnansweredIsUnassessedAndUrgent() {
		Evaluation evaluation = evaluate(item9(1).andThen(cssrs((q) -> q.putNull("q1WishDead"))));
		assertThat(evaluation.ruleIds()).contains("SCR-URG-04", "SCR-REV-24", "SCR-REV-28");
		assertThat(missingFields(evaluation)).containsExactly("cssrs.q1WishDead");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.URGENT_SAME_DAY_REVIEW);
	}

	@Test
	void aPositiveItem9WithAScreenerWhoseQ2IsUnansweredIsUnassessedAndUrgent() {
		Evaluation evaluation = evaluate(item9(1).andThen(cssrs((q) -> q.putNull("q2ActiveThoughts"))));
		assertThat(evaluation.ruleIds()).contains("SCR-URG-04", "SCR-REV-28");
		assertThat(missingFields(evaluation)).containsExactly("cssrs.q2ActiveThoughts");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.URGENT_SAME_DAY_REVIEW);
	}

	@Test
	void aPositiveItem9WithBothGatewayQuestionsAnsweredIsAReviewNotAnUnassessedRisk() {
		Evaluation evaluation = evaluate(item9(1));
		assertThat(evaluation.ruleIds()).contains("SCR-REV-24").doesNotContain("SCR-URG-04", "SCR-REV-28");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.NEEDS_CLINICIAN_REVIEW);
	}

	@Test
	void aScreenerWithoutItsGatewayQuestionsIsNotUrgentWhileItem9IsZero() {
		Evaluation evaluation = evaluate(
				item9(0).andThen(cssrs((q) -> q.putNull("q1WishDead").putNull("q2ActiveThoughts"))));
		assertThat(evaluation.ruleIds()).doesNotContain("SCR-URG-04").contains("SCR-REV-28");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.NEEDS_CLINICIAN_REVIEW);
	}

	@Test
	void theUnassessedRiskFindingShowsWhichGatewayAnswerIsMissing() {
		Finding finding = evaluate(item9(2).andThen(cssrs((q) -> q.putNull("q1WishDead")))).findings()
			.stream()
			.filter((f) -> f.ruleId().equals("SCR-URG-04"))
			.findFirst()
			.orElseThrow();
		assertThat(finding.inputs()).containsEntry("phq9Item9", 2)
			.containsEntry("cssrs.q1WishDead", null)
			.containsEntry("cssrs.q2ActiveThoughts", false);
	}

	private Evaluation evaluate(Consumer<ObjectNode> change) {
		return this.criteria.evaluate(Sections.with(change));
	}

	@SuppressWarnings("unchecked")
	private static List<String> missingFields(Evaluation evaluation) {
		return (List<String>) evaluation.findings()
			.stream()
			.filter((f) -> f.ruleId().equals("SCR-REV-28"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("SCR-REV-28 did not fire"))
			.inputs()
			.get("missingFields");
	}

	private static Consumer<ObjectNode> item9(int value) {
		return (c) -> c.put("phq9Item9", value);
	}

	private static Consumer<ObjectNode> cssrs(Consumer<ObjectNode> change) {
		return (c) -> change.accept((ObjectNode) c.get("cssrs"));
	}

}
