package org.ketaclinic.screening.criteria;

import java.math.BigDecimal;
import java.util.function.Consumer;
import org.ketaclinic.screening.events.Outcome;

import org.junit.jupiter.api.Test;
import org.ketaclinic.screening.Sections;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every threshold rule just below, at and just above its limit, with the strict and
 * inclusive comparisons of clinical-criteria.md §2 (defaults).
 */
class ThresholdBoundaryTests {

	private final SuitabilityCriteria criteria = new SuitabilityCriteria(Criteria.defaults());

	@Test
	void excludesUnder18ButNotAt18() {
		assertThat(fires("SCR-EXC-01", (c) -> c.put("ageYears", 17))).isTrue();
		assertThat(fires("SCR-EXC-01", (c) -> c.put("ageYears", 18))).isFalse();
		assertThat(fires("SCR-EXC-01", (c) -> c.put("ageYears", 19))).isFalse();
	}

	@Test
	void excludesSystolicAbove180AndDiastolicAbove100Strictly() {
		assertThat(fires("SCR-EXC-05", bp(179, 80))).isFalse();
		assertThat(fires("SCR-EXC-05", bp(180, 80))).isFalse();
		assertThat(fires("SCR-EXC-05", bp(181, 80))).isTrue();
		assertThat(fires("SCR-EXC-05", bp(150, 99))).isFalse();
		assertThat(fires("SCR-EXC-05", bp(150, 100))).isFalse();
		assertThat(fires("SCR-EXC-05", bp(150, 101))).isTrue();
	}

	@Test
	void escalatesSevereRangePressureFrom180Or120Inclusively() {
		assertThat(fires("SCR-URG-05", bp(179, 80))).isFalse();
		assertThat(fires("SCR-URG-05", bp(180, 80))).isTrue();
		assertThat(fires("SCR-URG-05", bp(181, 80))).isTrue();
		assertThat(fires("SCR-URG-05", bp(150, 119))).isFalse();
		assertThat(fires("SCR-URG-05", bp(150, 120))).isTrue();
		assertThat(fires("SCR-URG-05", bp(150, 121))).isTrue();
	}

	@Test
	void atExactly180SystolicTheUrgentRuleFiresButTheExclusionDoesNot() {
		Evaluation evaluation = evaluate(bp(180, 80));
		assertThat(evaluation.ruleIds()).contains("SCR-URG-05", "SCR-REV-01").doesNotContain("SCR-EXC-05");
		assertThat(evaluation.outcome()).isEqualTo(Outcome.URGENT_SAME_DAY_REVIEW);
	}

	@Test
	void flagsElevatedPressureUnder65Above140Over90Strictly() {
		assertThat(fires("SCR-REV-01", bp(139, 80))).isFalse();
		assertThat(fires("SCR-REV-01", bp(140, 80))).isFalse();
		assertThat(fires("SCR-REV-01", bp(141, 80))).isTrue();
		assertThat(fires("SCR-REV-01", bp(130, 89))).isFalse();
		assertThat(fires("SCR-REV-01", bp(130, 90))).isFalse();
		assertThat(fires("SCR-REV-01", bp(130, 91))).isTrue();
	}

	@Test
	void allowsOlderAdultsUpTo150SystolicBeforeFlagging() {
		Consumer<ObjectNode> older = (c) -> c.put("ageYears", 70);
		assertThat(fires("SCR-REV-01", older.andThen(bp(149, 80)))).isFalse();
		assertThat(fires("SCR-REV-01", older.andThen(bp(150, 80)))).isFalse();
		assertThat(fires("SCR-REV-01", older.andThen(bp(151, 80)))).isTrue();
		assertThat(fires("SCR-REV-01", older.andThen(bp(140, 91)))).isTrue();
	}

	@Test
	void leavesPressureInTheExclusionRangeToTheExclusion() {
		assertThat(fires("SCR-REV-01", bp(180, 95))).isTrue();
		assertThat(fires("SCR-REV-01", bp(181, 95))).isFalse();
		assertThat(fires("SCR-REV-01", bp(150, 100))).isTrue();
		assertThat(fires("SCR-REV-01", bp(150, 101))).isFalse();
	}

	@Test
	void flagsHeartRateAbove100OrBelow50Strictly() {
		assertThat(fires("SCR-REV-02", (c) -> c.put("heartRate", 100))).isFalse();
		assertThat(fires("SCR-REV-02", (c) -> c.put("heartRate", 101))).isTrue();
		assertThat(fires("SCR-REV-02", (c) -> c.put("heartRate", 99))).isFalse();
		assertThat(fires("SCR-REV-02", (c) -> c.put("heartRate", 50))).isFalse();
		assertThat(fires("SCR-REV-02", (c) -> c.put("heartRate", 49))).isTrue();
		assertThat(fires("SCR-REV-02", (c) -> c.put("heartRate", 51))).isFalse();
	}

	@Test
	void treatmentResistanceStartsAtTwoFailedTrials() {
		assertThat(fires("SCR-REV-03", (c) -> c.put("failedAdequateTrialsCurrentEpisode", 1))).isTrue();
		assertThat(fires("SCR-REV-03", (c) -> c.put("failedAdequateTrialsCurrentEpisode", 2))).isFalse();
		assertThat(fires("SCR-REV-03", (c) -> c.put("failedAdequateTrialsCurrentEpisode", 3))).isFalse();
		assertThat(fires("SCR-SUP-01", (c) -> c.put("failedAdequateTrialsCurrentEpisode", 1))).isFalse();
		assertThat(fires("SCR-SUP-01", (c) -> c.put("failedAdequateTrialsCurrentEpisode", 2))).isTrue();
		assertThat(fires("SCR-SUP-01", (c) -> c.put("failedAdequateTrialsCurrentEpisode", 3))).isTrue();
	}

	@Test
	void moderateSeverityStartsAtAPhq9OfTen() {
		assertThat(fires("SCR-REV-06", (c) -> c.put("phq9Total", 9))).isTrue();
		assertThat(fires("SCR-REV-06", (c) -> c.put("phq9Total", 10))).isFalse();
		assertThat(fires("SCR-REV-06", (c) -> c.put("phq9Total", 11))).isFalse();
		assertThat(fires("SCR-SUP-02", (c) -> c.put("phq9Total", 9))).isFalse();
		assertThat(fires("SCR-SUP-02", (c) -> c.put("phq9Total", 10))).isTrue();
		assertThat(fires("SCR-SUP-02", (c) -> c.put("phq9Total", 11))).isTrue();
	}

	@Test
	void reportsThePhq9SeverityBand() {
		assertThat(finding("SCR-SUP-02", (c) -> c.put("phq9Total", 14)).note()).contains("moderate (10-14)");
		assertThat(finding("SCR-SUP-02", (c) -> c.put("phq9Total", 15)).note()).contains("moderately severe");
		assertThat(finding("SCR-SUP-02", (c) -> c.put("phq9Total", 20)).note()).contains("severe (20-27)");
	}

	@Test
	void reviewsFromAge65() {
		assertThat(fires("SCR-REV-07", (c) -> c.put("ageYears", 64))).isFalse();
		assertThat(fires("SCR-REV-07", (c) -> c.put("ageYears", 65))).isTrue();
		assertThat(fires("SCR-REV-07", (c) -> c.put("ageYears", 66))).isTrue();
	}

	@Test
	void item9OfOneNeedsReviewAndTwoOrMoreIsUrgent() {
		assertThat(fires("SCR-REV-24", item9(0))).isFalse();
		assertThat(fires("SCR-REV-24", item9(1))).isTrue();
		assertThat(fires("SCR-REV-24", item9(2))).isFalse();
		assertThat(fires("SCR-URG-03", item9(1))).isFalse();
		assertThat(fires("SCR-URG-03", item9(2))).isTrue();
		assertThat(fires("SCR-URG-03", item9(3))).isTrue();
	}

	@Test
	void aPositiveItem9WithoutACssrsIsUrgent() {
		assertThat(fires("SCR-URG-04", item9(0).andThen((c) -> c.putNull("cssrs")))).isFalse();
		assertThat(fires("SCR-URG-04", item9(1).andThen((c) -> c.putNull("cssrs")))).isTrue();
		assertThat(fires("SCR-URG-04", item9(1))).isFalse();
	}

	@Test
	void notesPossibleReducedResponseAbove8MgDiazepamEquivalentStrictly() {
		assertThat(finding("SCR-REV-22", benzodiazepine("7.9")).note()).isNull();
		assertThat(finding("SCR-REV-22", benzodiazepine("8")).note()).isNull();
		assertThat(finding("SCR-REV-22", benzodiazepine("8.1")).note()).contains("reduced response");
		assertThat(finding("SCR-REV-22", benzodiazepine("8.1")).inputs())
			.containsEntry("benzodiazepineDiazepamEqMgPerDay", new BigDecimal("8.1"));
	}

	@Test
	void aClinicCanMoveThresholdsAndPoliciesByConfiguration() {
		Criteria strict = new Criteria(new Criteria.Age(21, null), null, null, new Criteria.Trd(3), null, null, null,
				new Criteria.Pregnancy(Policy.REVIEW), null, null, null, null);
		SuitabilityCriteria clinic = new SuitabilityCriteria(strict);
		assertThat(clinic.evaluate(Sections.with((c) -> c.put("ageYears", 20))).ruleIds()).contains("SCR-EXC-01");
		assertThat(clinic.evaluate(Sections.with((c) -> c.put("failedAdequateTrialsCurrentEpisode", 2))).ruleIds())
			.contains("SCR-REV-03");
		Evaluation pregnant = clinic.evaluate(Sections.with((c) -> c.put("pregnancyStatus", "PREGNANT")));
		assertThat(pregnant.of(Category.NEEDS_CLINICIAN_REVIEW)).extracting(Finding::ruleId).contains("SCR-EXC-06");
		assertThat(pregnant.outcome()).isEqualTo(Outcome.NEEDS_CLINICIAN_REVIEW);
	}

	private static Consumer<ObjectNode> bp(int systolic, int diastolic) {
		return (c) -> c.put("systolicBp", systolic).put("diastolicBp", diastolic);
	}

	private static Consumer<ObjectNode> item9(int item9) {
		return (c) -> c.put("phq9Item9", item9);
	}

	private static Consumer<ObjectNode> benzodiazepine(String dose) {
		return (c) -> {
			c.putArray("medicationClasses").add("SSRI").add("BENZODIAZEPINE");
			c.put("benzodiazepineDiazepamEqMgPerDay", new BigDecimal(dose));
		};
	}

	private Evaluation evaluate(Consumer<ObjectNode> change) {
		ScreeningInput section = Sections.with(change);
		return this.criteria.evaluate(section);
	}

	private boolean fires(String ruleId, Consumer<ObjectNode> change) {
		return evaluate(change).fired(ruleId);
	}

	private Finding finding(String ruleId, Consumer<ObjectNode> change) {
		return evaluate(change).findings()
			.stream()
			.filter((finding) -> finding.ruleId().equals(ruleId))
			.findFirst()
			.orElseThrow(() -> new AssertionError(ruleId + " did not fire"));
	}

}
