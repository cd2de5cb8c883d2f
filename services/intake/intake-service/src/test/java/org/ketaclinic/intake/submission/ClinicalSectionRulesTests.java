package org.ketaclinic.intake.submission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.Intakes;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.web.FieldError;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ClinicalSectionRulesTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

	private static final LocalDate BORN_42_YEARS_AGO = LocalDate.of(1984, 3, 2);

	@Test
	void acceptsTheCleanBaselineVignette() {
		assertThat(fields(section(Intakes.aTreatmentResistantAdult()))).isEmpty();
	}

	@Test
	void acceptsAnIncompleteSectionBecauseMissingAnswersAreScreeningFindings() {
		ObjectNode partial = EventJson.mapper().createObjectNode();
		partial.put("ageYears", 42);
		partial.put("phq9Item9", 2);
		assertThat(fields(section(partial))).isEmpty();
		assertThat(ClinicalSectionRules.check(null, BORN_42_YEARS_AGO, TODAY)).isEmpty();
	}

	@Test
	void flagsAnAgeOutsideZeroToOneHundredAndTwenty() {
		assertThat(fields(with("ageYears", 121))).contains("clinical.ageYears");
		assertThat(fields(with("ageYears", -1))).contains("clinical.ageYears");
	}

	@Test
	void flagsAnAgeThatDisagreesWithTheDateOfBirth() {
		assertThat(fields(with("ageYears", 43))).containsExactly("clinical.ageYears");
		assertThat(ClinicalSectionRules.check(section(with("ageYears", 43)), BORN_42_YEARS_AGO, TODAY).get(0).message())
			.contains("42");
	}

	@Test
	void flagsImplausibleBloodPressuresAndHeartRates() {
		assertThat(fields(with("systolicBp", 400))).containsExactly("clinical.systolicBp");
		assertThat(fields(with("diastolicBp", 10))).containsExactly("clinical.diastolicBp");
		assertThat(fields(with("heartRate", 0))).containsExactly("clinical.heartRate");
		ObjectNode inverted = with("systolicBp", 80);
		inverted.put("diastolicBp", 90);
		assertThat(fields(inverted)).containsExactly("clinical.diastolicBp");
	}

	@Test
	void acceptsTheSevereRangeBloodPressuresTheRulesMustSee() {
		ObjectNode severe = with("systolicBp", 185);
		severe.put("diastolicBp", 125);
		assertThat(fields(severe)).isEmpty();
		ObjectNode crisis = with("systolicBp", 300);
		crisis.put("diastolicBp", 210);
		assertThat(fields(crisis)).as("a hypertensive crisis is a finding, not an input error").isEmpty();
	}

	@Test
	void flagsAPhq9TotalOutsideZeroToTwentySevenOrBelowItem9() {
		assertThat(fields(with("phq9Total", 28))).containsExactly("clinical.phq9Total");
		assertThat(fields(with("phq9Item9", 4))).containsExactly("clinical.phq9Item9");
		ObjectNode above = with("phq9Total", 1);
		above.put("phq9Item9", 2);
		assertThat(fields(above)).as("the total is what is wrong, not the risk answer")
			.containsExactly("clinical.phq9Total");
	}

	@Test
	void computesTheTotalAndItem9FromTheNineItems() {
		ObjectNode items = withItems(1, 2, 3, 0, 1, 2, 3, 0, 2);
		items.remove("phq9Total");
		items.remove("phq9Item9");
		ClinicalAnswers normalised = ClinicalSectionRules.normalised(section(items));
		assertThat(normalised.phq9Total()).isEqualTo(14);
		assertThat(normalised.phq9Item9()).isEqualTo(2);
	}

	@Test
	void rejectsAGivenTotalThatDisagreesWithTheItems() {
		ObjectNode items = withItems(1, 2, 3, 0, 1, 2, 3, 0, 2);
		items.put("phq9Total", 18);
		items.put("phq9Item9", 2);
		assertThat(fields(items)).containsExactly("clinical.phq9Total");
		items.put("phq9Total", 14);
		items.put("phq9Item9", 1);
		assertThat(fields(items)).containsExactly("clinical.phq9Item9");
	}

	@Test
	void namesEachItemOutsideZeroToThreeAndAListOfTheWrongLength() {
		assertThat(fields(withItems(1, 2, 4, 0, 1, 2, 3, 0, 2))).containsExactly("clinical.phq9Items[2]");
		assertThat(fields(withItems(1, 2, 3))).containsExactly("clinical.phq9Items");
	}

	@Test
	void acceptsIntentAndPlanAnsweredThoughActiveThoughtsWereDeniedOrSkipped() {
		ObjectNode denied = Intakes.aTreatmentResistantAdult();
		((ObjectNode) denied.get("cssrs")).put("q2ActiveThoughts", false)
			.put("q3Method", true)
			.put("q4Intent", true)
			.put("q5PlanWithIntent", true);
		assertThat(fields(denied)).isEmpty();
		ObjectNode skipped = Intakes.aTreatmentResistantAdult();
		((ObjectNode) skipped.get("cssrs")).putNull("q2ActiveThoughts").put("q4Intent", true);
		assertThat(fields(skipped)).isEmpty();
	}

	@Test
	void acceptsRecentBehaviourAnsweredThoughLifetimeBehaviourWasDeniedOrSkipped() {
		ObjectNode denied = Intakes.aTreatmentResistantAdult();
		((ObjectNode) denied.get("cssrs")).put("q6BehaviorLifetime", false).put("q6BehaviorPast3Months", true);
		assertThat(fields(denied)).isEmpty();
		ObjectNode skipped = Intakes.aTreatmentResistantAdult();
		((ObjectNode) skipped.get("cssrs")).putNull("q6BehaviorLifetime").put("q6BehaviorPast3Months", true);
		assertThat(fields(skipped)).isEmpty();
	}

	@Test
	void keepsSkipLogicBreakingAnswersAsGivenInTheStoredSection() {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		((ObjectNode) clinical.get("cssrs")).put("q2ActiveThoughts", false)
			.put("q4Intent", true)
			.put("q6BehaviorLifetime", false)
			.put("q6BehaviorPast3Months", true);
		ClinicalAnswers stored = ClinicalSectionRules.normalised(section(clinical));
		assertThat(stored.cssrs().q2ActiveThoughts()).isFalse();
		assertThat(stored.cssrs().q4Intent()).isTrue();
		assertThat(stored.cssrs().q6BehaviorLifetime()).isFalse();
		assertThat(stored.cssrs().q6BehaviorPast3Months()).isTrue();
	}

	@Test
	void acceptsItem9AnsweredAloneWithoutTheOtherPhq9Answers() {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		clinical.remove("phq9Total");
		clinical.put("phq9Item9", 3);
		assertThat(fields(clinical)).isEmpty();
		assertThat(ClinicalSectionRules.normalised(section(clinical)).phq9Item9()).isEqualTo(3);
	}

	@Test
	void flagsNegativeTrialCountsAndBenzodiazepineDosesAndRepeatedMedicationClasses() {
		assertThat(fields(with("failedAdequateTrialsCurrentEpisode", -1)))
			.containsExactly("clinical.failedAdequateTrialsCurrentEpisode");
		ObjectNode dose = Intakes.aTreatmentResistantAdult();
		dose.put("benzodiazepineDiazepamEqMgPerDay", new BigDecimal("-0.5"));
		assertThat(fields(dose)).containsExactly("clinical.benzodiazepineDiazepamEqMgPerDay");
		ObjectNode twice = Intakes.aTreatmentResistantAdult();
		twice.putArray("medicationClasses").add("SSRI").add("SSRI");
		assertThat(fields(twice)).containsExactly("clinical.medicationClasses");
	}

	@Test
	void neverEchoesTheSubmittedValue() {
		List<FieldError> errors = ClinicalSectionRules.check(section(with("systolicBp", 377)), BORN_42_YEARS_AGO,
				TODAY);
		assertThat(errors).extracting(FieldError::message).noneMatch((message) -> message.contains("377"));
	}

	private static ObjectNode with(String field, int value) {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		clinical.put(field, value);
		return clinical;
	}

	private static ObjectNode withItems(Integer... items) {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		var array = clinical.putArray("phq9Items");
		Arrays.stream(items).forEach(array::add);
		return clinical;
	}

	private static ClinicalAnswers section(ObjectNode node) {
		return EventJson.mapper().treeToValue(node, ClinicalAnswers.class);
	}

	private static List<String> fields(ObjectNode node) {
		return fields(section(node));
	}

	private static List<String> fields(ClinicalAnswers section) {
		return ClinicalSectionRules.check(section, BORN_42_YEARS_AGO, TODAY).stream().map(FieldError::field).toList();
	}

}
