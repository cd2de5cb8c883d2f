package org.ketaclinic.screening.criteria;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.ketaclinic.screening.events.Outcome;

import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.screening.criteria.ScreeningInput.CardiovascularStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.CognitiveStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.Cssrs;
import org.ketaclinic.screening.criteria.ScreeningInput.HepaticImpairment;
import org.ketaclinic.screening.criteria.ScreeningInput.KetaminePcpUse;
import org.ketaclinic.screening.criteria.ScreeningInput.MedicationClass;
import org.ketaclinic.screening.criteria.ScreeningInput.PregnancyStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.PrimaryDiagnosis;
import org.ketaclinic.screening.criteria.ScreeningInput.SubstanceUseDisorderStatus;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For thousands of seeded random intakes: adding a risk factor never makes the outcome
 * less severe, and an intake with a missing answer is never eligible.
 */
class SeverityPropertyTests {

	private static final long SEED = 20261126L;

	private static final int CASES = 4_000;

	private final SuitabilityCriteria criteria = new SuitabilityCriteria(Criteria.defaults());

	@Test
	void addingARiskFactorNeverMakesAnOutcomeLessSevere() {
		Random random = new Random(SEED);
		List<UnaryOperator<ObjectNode>> risks = risks();
		int compared = 0;
		for (int i = 0; i < CASES; i++) {
			ObjectNode intake = randomIntake(random);
			Outcome before = evaluate(intake).outcome();
			UnaryOperator<ObjectNode> risk = risks.get(random.nextInt(risks.size()));
			ObjectNode worse = risk.apply(intake.deepCopy());
			Outcome after = evaluate(worse).outcome();
			assertThat(after.severity()).as("case %d: %s became %s after adding a risk to %s", i, before, after, intake)
				.isGreaterThanOrEqualTo(before.severity());
			compared++;
		}
		assertThat(compared).isEqualTo(CASES);
	}

	@Test
	void anIntakeWithAMissingAnswerIsNeverEligible() {
		Random random = new Random(SEED + 1);
		for (int i = 0; i < CASES; i++) {
			ObjectNode intake = randomIntake(random);
			List<String> fields = new ArrayList<>();
			intake.propertyNames().forEach(fields::add);
			intake.putNull(fields.get(random.nextInt(fields.size())));
			Evaluation evaluation = evaluate(intake);
			assertThat(evaluation.outcome()).isNotEqualTo(Outcome.ELIGIBLE_PENDING_CLINICIAN_SIGNOFF);
			assertThat(evaluation.ruleIds()).contains("SCR-REV-28");
		}
	}

	@Test
	void everyOutcomeIsReachedByTheGenerator() {
		Random random = new Random(SEED + 2);
		java.util.Set<Outcome> seen = java.util.EnumSet.noneOf(Outcome.class);
		for (int i = 0; i < CASES; i++) {
			seen.add(evaluate(randomIntake(random)).outcome());
		}
		assertThat(seen).containsExactlyInAnyOrder(Outcome.values());
	}

	private Evaluation evaluate(ObjectNode intake) {
		return this.criteria.evaluate(EventJson.mapper().treeToValue(intake, ScreeningInput.class));
	}

	/** Ways to make an intake riskier: each adds a risk and removes none. */
	private static List<UnaryOperator<ObjectNode>> risks() {
		List<UnaryOperator<ObjectNode>> risks = new ArrayList<>();
		for (String flag : List.of("aneurysmalVascularDisease", "arteriovenousMalformation",
				"intracerebralHemorrhageHistory", "ketamineHypersensitivity", "hypertensiveEncephalopathyHistory",
				"raisedIntracranialPressureRisk", "glaucomaOrRaisedIntraocularPressure",
				"significantRespiratoryDiseaseOrOSA", "urinaryTractOrCystitisHistory", "currentPsychoticSymptoms",
				"primaryPsychoticDisorder", "currentManiaOrHypomania", "breastfeeding")) {
			risks.add((c) -> c.put(flag, true));
		}
		risks.add((c) -> c.put("capacityToConsent", false));
		risks.add((c) -> c.put("pregnancyStatus", PregnancyStatus.PREGNANT.name()));
		risks.add((c) -> c.put("cardiovascularStatus", CardiovascularStatus.UNSTABLE_OR_RECENT_EVENT.name()));
		risks.add((c) -> c.put("hepaticImpairment", HepaticImpairment.SEVERE.name()));
		risks.add((c) -> c.put("substanceUseDisorderStatus", SubstanceUseDisorderStatus.ACTIVE.name()));
		risks.add((c) -> c.put("ketaminePcpUse", KetaminePcpUse.RECENT_NONMEDICAL_OR_USE_DISORDER.name()));
		risks.add((c) -> c.put("cognitiveStatus", CognitiveStatus.DEMENTIA.name()));
		risks.add((c) -> c.put("systolicBp", Math.max(c.get("systolicBp").asInt(120), 0) + 30));
		risks.add((c) -> c.put("diastolicBp", Math.max(c.get("diastolicBp").asInt(80), 0) + 25));
		risks.add((c) -> c.put("phq9Item9", Math.min(3, c.get("phq9Item9").asInt(0) + 1)));
		risks.add((c) -> {
			((ObjectNode) c.get("cssrs")).put("q1WishDead", true);
			return c;
		});
		risks.add((c) -> {
			((ObjectNode) c.get("cssrs")).put("q2ActiveThoughts", true)
				.put("q3Method", true)
				.put("q4Intent", true)
				.put("q5PlanWithIntent", false);
			return c;
		});
		risks.add((c) -> {
			((ObjectNode) c.get("cssrs")).put("q6BehaviorLifetime", true).put("q6BehaviorPast3Months", true);
			return c;
		});
		// answers that break the skip logic are risks all the same (intake accepts them
		// as
		// given): a yes to intent, a plan or recent behaviour alone must never lower the
		// outcome
		for (String answer : List.of("q3Method", "q4Intent", "q5PlanWithIntent", "q6BehaviorPast3Months")) {
			risks.add((c) -> {
				((ObjectNode) c.get("cssrs")).put(answer, true);
				return c;
			});
		}
		for (MedicationClass medication : List.of(MedicationClass.MAOI, MedicationClass.PSYCHOSTIMULANT,
				MedicationClass.OPIOID, MedicationClass.OTHER_CNS_DEPRESSANT, MedicationClass.BENZODIAZEPINE)) {
			risks.add((c) -> {
				var classes = c.withArray("medicationClasses");
				if (!classes.toString().contains(medication.name())) {
					classes.add(medication.name());
				}
				return c;
			});
		}
		return risks;
	}

	/** A random but valid intake with every answer present. */
	private static ObjectNode randomIntake(Random random) {
		ObjectNode c = EventJson.mapper().createObjectNode();
		c.put("ageYears", 16 + random.nextInt(60));
		c.put("pregnancyStatus", mostly(random, PregnancyStatus.NOT_APPLICABLE, PregnancyStatus.values()).name());
		c.put("breastfeeding", random.nextInt(10) == 0);
		c.put("primaryDiagnosis",
				random.nextInt(3) > 0 ? PrimaryDiagnosis.MDD.name() : pick(random, PrimaryDiagnosis.values()).name());
		c.put("failedAdequateTrialsCurrentEpisode", random.nextInt(6));
		int systolic = 95 + random.nextInt(random.nextInt(5) == 0 ? 100 : 45);
		c.put("systolicBp", systolic);
		c.put("diastolicBp", Math.min(systolic - 20, 55 + random.nextInt(random.nextInt(5) == 0 ? 70 : 35)));
		c.put("heartRate", 45 + random.nextInt(random.nextInt(5) == 0 ? 80 : 55));
		for (String flag : List.of("aneurysmalVascularDisease", "arteriovenousMalformation",
				"intracerebralHemorrhageHistory", "ketamineHypersensitivity", "hypertensiveEncephalopathyHistory",
				"raisedIntracranialPressureRisk", "glaucomaOrRaisedIntraocularPressure",
				"significantRespiratoryDiseaseOrOSA", "urinaryTractOrCystitisHistory", "currentPsychoticSymptoms",
				"primaryPsychoticDisorder", "pastPsychoticSymptoms", "currentManiaOrHypomania")) {
			c.put(flag, random.nextInt(25) == 0);
		}
		c.put("cardiovascularStatus", mostly(random, CardiovascularStatus.NONE, CardiovascularStatus.values()).name());
		c.put("hepaticImpairment", mostly(random, HepaticImpairment.NONE, HepaticImpairment.values()).name());
		c.put("substanceUseDisorderStatus",
				mostly(random, SubstanceUseDisorderStatus.NONE, SubstanceUseDisorderStatus.values()).name());
		c.put("ketaminePcpUse", mostly(random, KetaminePcpUse.NONE, KetaminePcpUse.values()).name());
		c.put("cognitiveStatus", mostly(random, CognitiveStatus.NORMAL, CognitiveStatus.values()).name());
		c.put("capacityToConsent", random.nextInt(30) > 0);
		int total = random.nextInt(28);
		c.put("phq9Total", total);
		c.put("phq9Item9", Math.min(total, random.nextInt(4) == 0 ? random.nextInt(4) : 0));
		boolean active = random.nextInt(5) == 0;
		boolean lifetime = random.nextInt(6) == 0;
		Cssrs cssrs = new Cssrs(random.nextInt(5) == 0, active, active ? random.nextBoolean() : null,
				active ? random.nextBoolean() : null, active ? random.nextBoolean() : null, lifetime,
				lifetime ? random.nextBoolean() : null);
		c.set("cssrs", EventJson.mapper().valueToTree(cssrs));
		var medications = c.putArray("medicationClasses");
		for (MedicationClass medication : MedicationClass.values()) {
			if (random.nextInt(12) == 0) {
				medications.add(medication.name());
			}
		}
		c.put("benzodiazepineDiazepamEqMgPerDay", BigDecimal.valueOf(random.nextInt(20)));
		return c;
	}

	/** Usually the safe answer, sometimes any. */
	private static <T> T mostly(Random random, T safe, T[] values) {
		return (random.nextInt(6) > 0) ? safe : pick(random, values);
	}

	private static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

}
