package org.ketaclinic.screening.criteria;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaclinic.screening.Sections;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One row or more for every rule of clinical-criteria.md §2: the rule fires on one side
 * of its boundary and not on the other, starting from the clean adult of vignette V01.
 * Threshold rules are pinned at the limit (the firing value and the adjacent value that
 * does not fire), so moving a default fails here; boolean and enum rules fire on the
 * value and not on its neighbour. A rule added without a row fails
 * {@link #everyRuleOfTheCriteriaHasARow()}.
 */
class EveryRuleBoundaryTests {

	private static final SuitabilityCriteria CRITERIA = new SuitabilityCriteria(Criteria.defaults());

	static Stream<Row> rows() {
		return Stream.of(
				// §2.1 hard exclusions
				row("SCR-EXC-01", set("ageYears", 17), set("ageYears", 18)),
				row("SCR-EXC-02", set("aneurysmalVascularDisease", true), set("aneurysmalVascularDisease", false)),
				row("SCR-EXC-02", set("arteriovenousMalformation", true), set("arteriovenousMalformation", false)),
				row("SCR-EXC-03", set("intracerebralHemorrhageHistory", true),
						set("intracerebralHemorrhageHistory", false)),
				row("SCR-EXC-04", set("ketamineHypersensitivity", true), set("ketamineHypersensitivity", false)),
				row("SCR-EXC-05", bp(181, 80), bp(180, 80)), row("SCR-EXC-05", bp(150, 101), bp(150, 100)),
				row("SCR-EXC-06", set("pregnancyStatus", "PREGNANT"), set("pregnancyStatus", "UNKNOWN")),
				row("SCR-EXC-07", set("currentPsychoticSymptoms", true), set("currentPsychoticSymptoms", false)),
				row("SCR-EXC-08", set("primaryPsychoticDisorder", true), set("primaryPsychoticDisorder", false)),
				row("SCR-EXC-09", set("currentManiaOrHypomania", true), set("currentManiaOrHypomania", false)),
				row("SCR-EXC-10", set("ketaminePcpUse", "RECENT_NONMEDICAL_OR_USE_DISORDER"),
						set("ketaminePcpUse", "REMOTE_NONMEDICAL")),
				row("SCR-EXC-11", set("substanceUseDisorderStatus", "ACTIVE"),
						set("substanceUseDisorderStatus", "IN_REMISSION")),
				row("SCR-EXC-12", set("cognitiveStatus", "DEMENTIA"), set("cognitiveStatus", "MILD_IMPAIRMENT")),
				row("SCR-EXC-13", set("capacityToConsent", false), set("capacityToConsent", true)),
				row("SCR-EXC-14", set("cardiovascularStatus", "UNSTABLE_OR_RECENT_EVENT"),
						set("cardiovascularStatus", "STABLE")),
				row("SCR-EXC-15", set("raisedIntracranialPressureRisk", true),
						set("raisedIntracranialPressureRisk", false)),
				row("SCR-EXC-16", set("hepaticImpairment", "SEVERE"), set("hepaticImpairment", "MODERATE")),
				// §2.2 urgent escalations
				row("SCR-URG-01", cssrs("q2ActiveThoughts", true, "q4Intent", true),
						cssrs("q2ActiveThoughts", true, "q4Intent", false, "q5PlanWithIntent", false)),
				row("SCR-URG-01", cssrs("q2ActiveThoughts", true, "q5PlanWithIntent", true),
						cssrs("q2ActiveThoughts", true, "q3Method", true, "q4Intent", false, "q5PlanWithIntent",
								false)),
				row("SCR-URG-01", cssrs("q2ActiveThoughts", false, "q4Intent", true),
						cssrs("q2ActiveThoughts", false, "q4Intent", false)),
				row("SCR-URG-02", cssrs("q6BehaviorLifetime", true, "q6BehaviorPast3Months", true),
						cssrs("q6BehaviorLifetime", true, "q6BehaviorPast3Months", false)),
				row("SCR-URG-02", cssrs("q6BehaviorLifetime", false, "q6BehaviorPast3Months", true),
						cssrs("q6BehaviorLifetime", false, "q6BehaviorPast3Months", false)),
				row("SCR-URG-03", set("phq9Item9", 2), set("phq9Item9", 1)),
				row("SCR-URG-04", set("phq9Item9", 1).andThen(noCssrs()), set("phq9Item9", 0).andThen(noCssrs())),
				row("SCR-URG-04", set("phq9Item9", 1).andThen(cssrs("q1WishDead", null)), set("phq9Item9", 1)),
				row("SCR-URG-04", set("phq9Item9", 1).andThen(cssrs("q2ActiveThoughts", null)),
						set("phq9Item9", 1).andThen(cssrs("q2ActiveThoughts", false))),
				row("SCR-URG-05", bp(180, 80), bp(179, 80)), row("SCR-URG-05", bp(150, 120), bp(150, 119)),
				// §2.3 clinician reviews
				row("SCR-REV-01", bp(141, 80), bp(140, 80)), row("SCR-REV-01", bp(130, 91), bp(130, 90)),
				row("SCR-REV-01", set("ageYears", 65).andThen(bp(151, 80)), set("ageYears", 65).andThen(bp(150, 80))),
				row("SCR-REV-01", set("ageYears", 64).andThen(bp(145, 80)), set("ageYears", 65).andThen(bp(145, 80))),
				row("SCR-REV-01", bp(180, 95), bp(181, 95)), row("SCR-REV-01", bp(150, 100), bp(150, 101)),
				row("SCR-REV-02", set("heartRate", 101), set("heartRate", 100)),
				row("SCR-REV-02", set("heartRate", 49), set("heartRate", 50)),
				row("SCR-REV-03", set("failedAdequateTrialsCurrentEpisode", 1),
						set("failedAdequateTrialsCurrentEpisode", 2)),
				row("SCR-REV-03", set("failedAdequateTrialsCurrentEpisode", 1),
						set("failedAdequateTrialsCurrentEpisode", 1)
							.andThen(set("primaryDiagnosis", "BIPOLAR_DEPRESSION"))),
				row("SCR-REV-04", set("primaryDiagnosis", "BIPOLAR_DEPRESSION"), set("primaryDiagnosis", "MDD")),
				row("SCR-REV-05", set("primaryDiagnosis", "PTSD"), set("primaryDiagnosis", "MDD")),
				row("SCR-REV-05", set("primaryDiagnosis", "ANXIETY_DISORDER"),
						set("primaryDiagnosis", "BIPOLAR_DEPRESSION")),
				row("SCR-REV-05", set("primaryDiagnosis", "OCD"), set("primaryDiagnosis", "MDD")),
				row("SCR-REV-05", set("primaryDiagnosis", "SUBSTANCE_USE_DISORDER"), set("primaryDiagnosis", "MDD")),
				row("SCR-REV-05", set("primaryDiagnosis", "OTHER"), set("primaryDiagnosis", "MDD")),
				row("SCR-REV-06", set("phq9Total", 9), set("phq9Total", 10)),
				row("SCR-REV-07", set("ageYears", 65), set("ageYears", 64)),
				row("SCR-REV-08", set("pastPsychoticSymptoms", true), set("pastPsychoticSymptoms", false)),
				row("SCR-REV-08", set("pastPsychoticSymptoms", true),
						set("pastPsychoticSymptoms", true).andThen(set("currentPsychoticSymptoms", true))),
				row("SCR-REV-08", set("pastPsychoticSymptoms", true),
						set("pastPsychoticSymptoms", true).andThen(set("primaryPsychoticDisorder", true))),
				row("SCR-REV-09", set("substanceUseDisorderStatus", "IN_REMISSION"),
						set("substanceUseDisorderStatus", "NONE")),
				row("SCR-REV-09", set("substanceUseDisorderStatus", "IN_REMISSION"),
						set("substanceUseDisorderStatus", "ACTIVE")),
				row("SCR-REV-10", set("ketaminePcpUse", "REMOTE_NONMEDICAL"), set("ketaminePcpUse", "NONE")),
				row("SCR-REV-10", set("ketaminePcpUse", "REMOTE_NONMEDICAL"),
						set("ketaminePcpUse", "RECENT_NONMEDICAL_OR_USE_DISORDER")),
				row("SCR-REV-11", set("cognitiveStatus", "MILD_IMPAIRMENT"), set("cognitiveStatus", "NORMAL")),
				row("SCR-REV-11", set("cognitiveStatus", "MILD_IMPAIRMENT"), set("cognitiveStatus", "DEMENTIA")),
				row("SCR-REV-12", set("cardiovascularStatus", "STABLE"), set("cardiovascularStatus", "NONE")),
				row("SCR-REV-12", set("cardiovascularStatus", "STABLE"),
						set("cardiovascularStatus", "UNSTABLE_OR_RECENT_EVENT")),
				row("SCR-REV-13", set("hypertensiveEncephalopathyHistory", true),
						set("hypertensiveEncephalopathyHistory", false)),
				row("SCR-REV-14", set("hepaticImpairment", "MODERATE"), set("hepaticImpairment", "MILD")),
				row("SCR-REV-14", set("hepaticImpairment", "MODERATE"), set("hepaticImpairment", "SEVERE")),
				row("SCR-REV-15", set("glaucomaOrRaisedIntraocularPressure", true),
						set("glaucomaOrRaisedIntraocularPressure", false)),
				row("SCR-REV-16", set("significantRespiratoryDiseaseOrOSA", true),
						set("significantRespiratoryDiseaseOrOSA", false)),
				row("SCR-REV-17", set("urinaryTractOrCystitisHistory", true),
						set("urinaryTractOrCystitisHistory", false)),
				row("SCR-REV-18", set("breastfeeding", true), set("breastfeeding", false)),
				row("SCR-REV-19", set("pregnancyStatus", "UNKNOWN"), set("pregnancyStatus", "NOT_PREGNANT")),
				row("SCR-REV-19", set("pregnancyStatus", "UNKNOWN"), set("pregnancyStatus", "PREGNANT")),
				row("SCR-REV-20", medications("SSRI", "MAOI"), medications("SSRI", "OTHER_ANTIDEPRESSANT")),
				row("SCR-REV-21", medications("PSYCHOSTIMULANT"), medications("OTHER")),
				row("SCR-REV-22", medications("BENZODIAZEPINE"), medications("OTHER_CNS_DEPRESSANT")),
				row("SCR-REV-23", medications("OPIOID"), medications("BENZODIAZEPINE")),
				row("SCR-REV-23", medications("OTHER_CNS_DEPRESSANT"), medications("ANTIPSYCHOTIC")),
				row("SCR-REV-24", set("phq9Item9", 1), set("phq9Item9", 0)),
				row("SCR-REV-24", set("phq9Item9", 1), set("phq9Item9", 2)),
				row("SCR-REV-25", cssrs("q1WishDead", true), cssrs("q1WishDead", false)),
				row("SCR-REV-25",
						cssrs("q2ActiveThoughts", true, "q3Method", false, "q4Intent", false, "q5PlanWithIntent",
								false),
						cssrs("q2ActiveThoughts", false)),
				row("SCR-REV-26",
						cssrs("q2ActiveThoughts", true, "q3Method", true, "q4Intent", false, "q5PlanWithIntent", false),
						cssrs("q2ActiveThoughts", true, "q3Method", false, "q4Intent", false, "q5PlanWithIntent",
								false)),
				row("SCR-REV-26", cssrs("q2ActiveThoughts", false, "q3Method", true),
						cssrs("q2ActiveThoughts", false, "q3Method", false)),
				row("SCR-REV-27", cssrs("q6BehaviorLifetime", true, "q6BehaviorPast3Months", false),
						cssrs("q6BehaviorLifetime", true, "q6BehaviorPast3Months", true)),
				row("SCR-REV-27", cssrs("q6BehaviorLifetime", true, "q6BehaviorPast3Months", false),
						cssrs("q6BehaviorLifetime", false, "q6BehaviorPast3Months", null)),
				row("SCR-REV-28", set("heartRate", null), set("heartRate", 72)),
				row("SCR-REV-28", set("medicationClasses", null), medications()),
				row("SCR-REV-28", cssrs("q1WishDead", null), cssrs("q1WishDead", false)),
				row("SCR-REV-28", cssrs("q2ActiveThoughts", true, "q3Method", false, "q4Intent", false),
						cssrs("q2ActiveThoughts", true, "q3Method", false, "q4Intent", false, "q5PlanWithIntent",
								false)),
				row("SCR-REV-28", cssrs("q6BehaviorLifetime", true),
						cssrs("q6BehaviorLifetime", false, "q6BehaviorPast3Months", null)),
				// §2.4 supporting findings
				row("SCR-SUP-01", set("failedAdequateTrialsCurrentEpisode", 2),
						set("failedAdequateTrialsCurrentEpisode", 1)),
				row("SCR-SUP-01", set("failedAdequateTrialsCurrentEpisode", 2),
						set("failedAdequateTrialsCurrentEpisode", 2)
							.andThen(set("primaryDiagnosis", "BIPOLAR_DEPRESSION"))),
				row("SCR-SUP-02", set("phq9Total", 10), set("phq9Total", 9)),
				row("SCR-SUP-03", medications("LITHIUM"), medications("LAMOTRIGINE")),
				row("SCR-SUP-03", medications("VALPROATE"), medications("ANTIPSYCHOTIC")),
				row("SCR-SUP-04", medications("LAMOTRIGINE"), medications("LITHIUM")),
				row("SCR-SUP-05", medications("SSRI"), medications("OTHER_ANTIDEPRESSANT")),
				row("SCR-SUP-05", medications("SNRI"), medications("MAOI")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void firesOnOneSideOfItsBoundaryAndNotOnTheOther(Row row) {
		assertThat(CRITERIA.evaluate(Sections.with(row.fires().change())).ruleIds())
			.as("%s fires when %s", row.ruleId(), row.fires())
			.contains(row.ruleId());
		assertThat(CRITERIA.evaluate(Sections.with(row.doesNotFire().change())).ruleIds())
			.as("%s does not fire when %s", row.ruleId(), row.doesNotFire())
			.doesNotContain(row.ruleId());
	}

	@Test
	void everyRuleOfTheCriteriaHasARow() {
		TreeSet<String> covered = rows().map(Row::ruleId)
			.collect(java.util.stream.Collectors.toCollection(TreeSet::new));
		assertThat(covered).containsExactlyElementsOf(CRITERIA.ruleIds());
		assertThat(covered).hasSize(54);
	}

	@Test
	void theCleanAdultFiresNoRuleOfTheTableButItsSupports() {
		// the rows rely on V01 firing nothing else: a change of the fixture shows here
		assertThat(CRITERIA.evaluate(Sections.aTreatmentResistantAdult()).ruleIds()).containsExactly("SCR-SUP-01",
				"SCR-SUP-02", "SCR-SUP-05");
	}

	/**
	 * A rule's boundary: an answer on its firing side and one on the other.
	 */
	record Row(String ruleId, Side fires, Side doesNotFire) {

		@Override
		public String toString() {
			return this.ruleId + " fires when " + this.fires + ", not when " + this.doesNotFire;
		}

	}

	/** A change to V01, described. */
	record Side(String description, Consumer<ObjectNode> change) {

		Side andThen(Side next) {
			return new Side(this.description + " and " + next.description, this.change.andThen(next.change));
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

	private static Row row(String ruleId, Side fires, Side doesNotFire) {
		return new Row(ruleId, fires, doesNotFire);
	}

	private static Side set(String field, Object value) {
		return new Side(field + " = " + value, (c) -> put(c, field, value));
	}

	private static Side bp(int systolic, int diastolic) {
		return new Side("BP " + systolic + "/" + diastolic,
				(c) -> c.put("systolicBp", systolic).put("diastolicBp", diastolic));
	}

	private static Side noCssrs() {
		return new Side("no C-SSRS", (c) -> c.putNull("cssrs"));
	}

	/** C-SSRS answers changed in V01's screener (which answers q1, q2 and q6 no). */
	private static Side cssrs(Object... namesAndValues) {
		StringBuilder description = new StringBuilder("C-SSRS");
		for (int i = 0; i < namesAndValues.length; i += 2) {
			description.append(' ').append(namesAndValues[i]).append(" = ").append(namesAndValues[i + 1]);
		}
		return new Side(description.toString(), (c) -> {
			ObjectNode cssrs = (ObjectNode) c.get("cssrs");
			for (int i = 0; i < namesAndValues.length; i += 2) {
				put(cssrs, (String) namesAndValues[i], namesAndValues[i + 1]);
			}
		});
	}

	private static Side medications(String... classes) {
		return new Side("medicationClasses = " + Arrays.toString(classes), (c) -> {
			var array = c.putArray("medicationClasses");
			List.of(classes).forEach(array::add);
			if (List.of(classes).contains("BENZODIAZEPINE")) {
				c.put("benzodiazepineDiazepamEqMgPerDay", BigDecimal.valueOf(5));
			}
		});
	}

	private static void put(ObjectNode node, String field, Object value) {
		if (value == null) {
			node.putNull(field);
		}
		else if (value instanceof Boolean flag) {
			node.put(field, flag);
		}
		else if (value instanceof Integer number) {
			node.put(field, number);
		}
		else {
			node.put(field, value.toString());
		}
	}

}
