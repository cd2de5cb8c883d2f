package org.ketaclinic.screening.criteria;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ketaclinic.screening.criteria.ScreeningInput.CardiovascularStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.CognitiveStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.Cssrs;
import org.ketaclinic.screening.criteria.ScreeningInput.HepaticImpairment;
import org.ketaclinic.screening.criteria.ScreeningInput.KetaminePcpUse;
import org.ketaclinic.screening.criteria.ScreeningInput.MedicationClass;
import org.ketaclinic.screening.criteria.ScreeningInput.PregnancyStatus;
import org.ketaclinic.screening.criteria.ScreeningInput.PrimaryDiagnosis;
import org.ketaclinic.screening.criteria.ScreeningInput.SubstanceUseDisorderStatus;

/** The NEEDS_CLINICIAN_REVIEW rules of clinical-criteria.md §2.3. */
final class ClinicianReviews {

	private static final Category REVIEW = Category.NEEDS_CLINICIAN_REVIEW;

	private ClinicianReviews() {
	}

	static List<Rule> all(Criteria criteria) {
		return List.of(new ElevatedBloodPressure(criteria), new AbnormalHeartRate(criteria),
				new BelowTreatmentResistanceDefinition(criteria), bipolarDepression(), outsideTheDepressionProtocol(),
				new BelowModerateSeverity(criteria), olderAdult(criteria), new PastPsychoticSymptoms(),
				substanceUseInRemission(), remoteKetamineUse(), mildCognitiveImpairment(),
				stableCardiovascularCondition(), hypertensiveEncephalopathyHistory(), moderateHepaticImpairment(),
				raisedIntraocularPressure(), respiratoryDiseaseOrSleepApnoea(), urinaryTractOrCystitis(),
				breastfeeding(), pregnancyNotRuledOut(),
				medication("SCR-REV-20", Set.of(MedicationClass.MAOI),
						"MAOIs may increase blood pressure; monitor it closely.",
						"Spravato PI 7 [R4] (monitor, not contraindicated)"),
				medication("SCR-REV-21", Set.of(MedicationClass.PSYCHOSTIMULANT),
						"Psychostimulants may increase blood pressure; monitor it closely.", "[R4]"),
				new Benzodiazepine(criteria),
				medication("SCR-REV-23", Set.of(MedicationClass.OPIOID, MedicationClass.OTHER_CNS_DEPRESSANT),
						"Additive sedation and respiratory depression.", "[R4]"),
				new OccasionalThoughtsOfDeath(), new PassiveOrNonSpecificIdeation(), new IdeationWithMethod(criteria),
				new PastSuicidalBehaviour(), new MissingData());
	}

	/**
	 * SCR-REV-01: elevated but not excluding blood pressure, with an older-adult systolic
	 * limit.
	 */
	static final class ElevatedBloodPressure extends BaseRule {

		private final Criteria criteria;

		ElevatedBloodPressure(Criteria criteria) {
			super("SCR-REV-01", REVIEW,
					"The label advises weighing benefit against risk, and considering delay, when pre-dose blood"
							+ " pressure is elevated.",
					"US PI: as a general guide >140/90 mmHg [R4]; EU SmPC >140/90 under 65, >150/90 at 65 and over"
							+ " [R5]");
			this.criteria = criteria;
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			Criteria.Bp bp = this.criteria.bp();
			// with the age unknown the stricter under-65 limit applies (and SCR-REV-28
			// reports the gap)
			boolean older = c.ageYears() != null && c.ageYears() >= this.criteria.age().reviewAtOrAbove();
			int systolicLimit = older ? bp.review().systolicAbove65plus() : bp.review().systolicAboveUnder65();
			boolean elevated = (c.systolicBp() != null && c.systolicBp() > systolicLimit)
					|| (c.diastolicBp() != null && c.diastolicBp() > bp.review().diastolicAbove());
			boolean excludingRange = (c.systolicBp() != null && c.systolicBp() > bp.exclude().systolicAbove())
					|| (c.diastolicBp() != null && c.diastolicBp() > bp.exclude().diastolicAbove());
			return (elevated && !excludingRange) ? fire(
					inputs("systolicBp", c.systolicBp(), "diastolicBp", c.diastolicBp(), "ageYears", c.ageYears()))
					: Optional.empty();
		}

	}

	/** SCR-REV-02. */
	static final class AbnormalHeartRate extends BaseRule {

		private final int above;

		private final int below;

		AbnormalHeartRate(Criteria criteria) {
			super("SCR-REV-02", REVIEW,
					"Ketamine is sympathomimetic; resting tachycardia or bradycardia needs a medical look.",
					"No ketamine-specific threshold; >100 bpm is the conventional tachycardia cut-off (hr.reviewAbove = "
							+ criteria.hr().reviewAbove() + ", hr.reviewBelow = " + criteria.hr().reviewBelow() + ")");
			this.above = criteria.hr().reviewAbove();
			this.below = criteria.hr().reviewBelow();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.heartRate() != null && (c.heartRate() > this.above || c.heartRate() < this.below))
					? fire(inputs("heartRate", c.heartRate())) : Optional.empty();
		}

	}

	/** SCR-REV-03. */
	static final class BelowTreatmentResistanceDefinition extends BaseRule {

		private final int minFailedTrials;

		BelowTreatmentResistanceDefinition(Criteria criteria) {
			super("SCR-REV-03", REVIEW,
					"Does not meet the common treatment-resistant depression definition; the clinician decides whether"
							+ " an urgent need of relief justifies treatment anyway.",
					"TRD is most commonly >=2 adequate failed trials [R24]; esketamine TRD indication [R4][R5]"
							+ " (trd.minFailedTrials = " + criteria.trd().minFailedTrials() + ")");
			this.minFailedTrials = criteria.trd().minFailedTrials();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.primaryDiagnosis() == PrimaryDiagnosis.MDD && c.failedAdequateTrialsCurrentEpisode() != null
					&& c.failedAdequateTrialsCurrentEpisode() < this.minFailedTrials)
							? fire(inputs("primaryDiagnosis", c.primaryDiagnosis(),
									"failedAdequateTrialsCurrentEpisode", c.failedAdequateTrialsCurrentEpisode()))
							: Optional.empty();
		}

	}

	/** SCR-REV-04. */
	static Rule bipolarDepression() {
		return new FieldRule<>("SCR-REV-04", REVIEW,
				"Ketamine has been studied in bipolar depression on lithium or valproate; risk of (hypo)mania, and use is"
						+ " off-label.",
				"[R12][R24]; routing is a convention", "primaryDiagnosis", ScreeningInput::primaryDiagnosis,
				(diagnosis) -> diagnosis == PrimaryDiagnosis.BIPOLAR_DEPRESSION);
	}

	/** SCR-REV-05. */
	static Rule outsideTheDepressionProtocol() {
		Set<PrimaryDiagnosis> outside = Set.of(PrimaryDiagnosis.PTSD, PrimaryDiagnosis.ANXIETY_DISORDER,
				PrimaryDiagnosis.OCD, PrimaryDiagnosis.SUBSTANCE_USE_DISORDER, PrimaryDiagnosis.OTHER);
		return new FieldRule<>("SCR-REV-05", REVIEW,
				"Outside the depression protocol; evidence is emerging or mixed (PTSD: positive and negative RCTs).",
				"[R25][R26][R34]; convention", "primaryDiagnosis", ScreeningInput::primaryDiagnosis, outside::contains);
	}

	/** SCR-REV-06. */
	static final class BelowModerateSeverity extends BaseRule {

		private final int minForSupport;

		BelowModerateSeverity(Criteria criteria) {
			super("SCR-REV-06", REVIEW,
					"Below moderate severity; the EU TRD indication specifies a moderate to severe episode.",
					"PHQ-9 bands 5/10/15/20 [R16]; SmPC [R5]; cut-off is a convention (phq9.minForSupport = "
							+ criteria.phq9().minForSupport() + ")");
			this.minForSupport = criteria.phq9().minForSupport();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.phq9Total() != null && c.phq9Total() < this.minForSupport)
					? fire(inputs("phq9Total", c.phq9Total())) : Optional.empty();
		}

	}

	/** SCR-REV-07. */
	static Rule olderAdult(Criteria criteria) {
		int atOrAbove = criteria.age().reviewAtOrAbove();
		return new FieldRule<>("SCR-REV-07", REVIEW,
				"Larger blood-pressure surges with age; different esketamine dosing and BP threshold at 65 and over;"
						+ " limited data in older adults.",
				"[R5][R31][R33]; convention (age.reviewAtOrAbove = " + atOrAbove + ")", "ageYears",
				ScreeningInput::ageYears, (age) -> age >= atOrAbove);
	}

	/** SCR-REV-08. */
	static final class PastPsychoticSymptoms extends BaseRule {

		PastPsychoticSymptoms() {
			super("SCR-REV-08", REVIEW,
					"Past psychotic symptoms: use with increased caution, weighing benefit and risk.",
					"Spravato PI 5.2 [R4]; [R48]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (yes(c.pastPsychoticSymptoms()) && no(c.currentPsychoticSymptoms())
					&& no(c.primaryPsychoticDisorder()))
							? fire(inputs("pastPsychoticSymptoms", c.pastPsychoticSymptoms(),
									"currentPsychoticSymptoms", c.currentPsychoticSymptoms(),
									"primaryPsychoticDisorder", c.primaryPsychoticDisorder()))
							: Optional.empty();
		}

	}

	/** SCR-REV-09. */
	static Rule substanceUseInRemission() {
		return new FieldRule<>("SCR-REV-09", REVIEW,
				"People with a history of substance use disorder may be at greater risk of abuse or misuse.",
				"Spravato PI/SmPC [R4][R5]", "substanceUseDisorderStatus", ScreeningInput::substanceUseDisorderStatus,
				(status) -> status == SubstanceUseDisorderStatus.IN_REMISSION);
	}

	/** SCR-REV-10. */
	static Rule remoteKetamineUse() {
		return new FieldRule<>("SCR-REV-10", REVIEW,
				"Past non-medical ketamine or PCP use, older than the recent window and without a use disorder, needs"
						+ " individual judgement.",
				"Some trials exclude any history of recreational ketamine or PCP use [R33]; convention",
				"ketaminePcpUse", ScreeningInput::ketaminePcpUse, (use) -> use == KetaminePcpUse.REMOTE_NONMEDICAL);
	}

	/** SCR-REV-11. */
	static Rule mildCognitiveImpairment() {
		return new FieldRule<>("SCR-REV-11", REVIEW, "Spravato warns of short-term cognitive impairment.",
				"[R4]; convention", "cognitiveStatus", ScreeningInput::cognitiveStatus,
				(status) -> status == CognitiveStatus.MILD_IMPAIRMENT);
	}

	/** SCR-REV-12. */
	static Rule stableCardiovascularCondition() {
		return new FieldRule<>("SCR-REV-12", REVIEW,
				"Patients with cardiovascular or cerebrovascular conditions should be carefully assessed.",
				"Spravato PI/SmPC [R4][R5]", "cardiovascularStatus", ScreeningInput::cardiovascularStatus,
				(status) -> status == CardiovascularStatus.STABLE);
	}

	/** SCR-REV-13. */
	static Rule hypertensiveEncephalopathyHistory() {
		return new FieldRule<>("SCR-REV-13", REVIEW, "Needs more intensive blood-pressure and symptom monitoring.",
				"Spravato PI 5.6 [R4]", "hypertensiveEncephalopathyHistory",
				ScreeningInput::hypertensiveEncephalopathyHistory, Boolean::booleanValue);
	}

	/** SCR-REV-14. */
	static Rule moderateHepaticImpairment() {
		return new FieldRule<>("SCR-REV-14", REVIEW,
				"Higher exposure; use 84 mg with caution, longer monitoring may be needed.",
				"Spravato SmPC [R5]; drugs.com summary of PI [R49]", "hepaticImpairment",
				ScreeningInput::hepaticImpairment, (impairment) -> impairment == HepaticImpairment.MODERATE);
	}

	/** SCR-REV-15. */
	static Rule raisedIntraocularPressure() {
		return new FieldRule<>("SCR-REV-15", REVIEW, "Ketamine can slightly raise intraocular pressure.",
				"Ketamine injection label [R29]; routing is a convention", "glaucomaOrRaisedIntraocularPressure",
				ScreeningInput::glaucomaOrRaisedIntraocularPressure, Boolean::booleanValue);
	}

	/** SCR-REV-16. */
	static Rule respiratoryDiseaseOrSleepApnoea() {
		return new FieldRule<>("SCR-REV-16", REVIEW,
				"Boxed warning for respiratory depression; unstable respiratory conditions need additional"
						+ " precautions; OSA screening is required by a draft standard.",
				"[R4][R5][R35]", "significantRespiratoryDiseaseOrOSA",
				ScreeningInput::significantRespiratoryDiseaseOrOSA, Boolean::booleanValue);
	}

	/** SCR-REV-17. */
	static Rule urinaryTractOrCystitis() {
		return new FieldRule<>("SCR-REV-17", REVIEW,
				"Ulcerative or interstitial cystitis is a labelled warning; cystitis is reported with chronic ketamine"
						+ " use.",
				"[R4][R29]", "urinaryTractOrCystitisHistory", ScreeningInput::urinaryTractOrCystitisHistory,
				Boolean::booleanValue);
	}

	/** SCR-REV-18. */
	static Rule breastfeeding() {
		return new FieldRule<>("SCR-REV-18", REVIEW, "US: advise not to breastfeed. EU: weigh benefit against risk.",
				"[R4][R44]", "breastfeeding", ScreeningInput::breastfeeding, Boolean::booleanValue);
	}

	/** SCR-REV-19. */
	static Rule pregnancyNotRuledOut() {
		return new FieldRule<>("SCR-REV-19", REVIEW,
				"Pregnancy must be ruled out (test or attestation); contraception is advised during treatment.",
				"[R44]; convention", "pregnancyStatus", ScreeningInput::pregnancyStatus,
				(status) -> status == PregnancyStatus.UNKNOWN);
	}

	/**
	 * SCR-REV-20, SCR-REV-21, SCR-REV-23: a current medication class that needs
	 * monitoring.
	 */
	static Rule medication(String id, Set<MedicationClass> classes, String rationale, String source) {
		return new FieldRule<>(id, REVIEW, rationale, source, "medicationClasses", ScreeningInput::medicationClasses,
				(current) -> current.stream().anyMatch(classes::contains));
	}

	/** SCR-REV-22: shows the dose, with a note above the attenuation threshold. */
	static final class Benzodiazepine extends BaseRule {

		private final BigDecimal attenuationAbove;

		Benzodiazepine(Criteria criteria) {
			super("SCR-REV-22", REVIEW,
					"Additive sedation. Higher benzodiazepine doses were associated with attenuated ketamine response"
							+ " (>8 mg/day diazepam-equivalent in one cohort; less day-1 improvement in a secondary RCT"
							+ " analysis).",
					"[R4][R13][R14][R15] (observational; the 8 mg cut-off comes from one study of 47 patients;"
							+ " bzd.attenuationNoteAboveMgDzEq = " + criteria.bzd().attenuationNoteAboveMgDzEq() + ")");
			this.attenuationAbove = criteria.bzd().attenuationNoteAboveMgDzEq();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			if (c.medicationClasses() == null || !c.medicationClasses().contains(MedicationClass.BENZODIAZEPINE)) {
				return Optional.empty();
			}
			BigDecimal dose = c.benzodiazepineDiazepamEqMgPerDay();
			String note = (dose != null && dose.compareTo(this.attenuationAbove) > 0)
					? "Possible reduced response: the dose is above " + this.attenuationAbove
							+ " mg/day diazepam-equivalent."
					: null;
			return fire(inputs("medicationClasses", c.medicationClasses(), "benzodiazepineDiazepamEqMgPerDay", dose),
					note);
		}

	}

	/** SCR-REV-24. */
	static final class OccasionalThoughtsOfDeath extends BaseRule {

		OccasionalThoughtsOfDeath() {
			super("SCR-REV-24", REVIEW,
					"Any positive item 9 needs clinician review and a completed C-SSRS; several days is still associated"
							+ " with raised risk.",
					"[R19][R20]; routing is a convention");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.phq9Item9() != null && c.phq9Item9() == 1) ? fire(inputs("phq9Item9", c.phq9Item9()))
					: Optional.empty();
		}

	}

	/** SCR-REV-25. */
	static final class PassiveOrNonSpecificIdeation extends BaseRule {

		PassiveOrNonSpecificIdeation() {
			super("SCR-REV-25", REVIEW,
					"Passive or non-specific ideation is lower risk but needs clinician follow-up and safety planning.",
					"C-SSRS screener and triage [R21][R22]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			Cssrs cssrs = c.cssrs();
			return (cssrs != null && (yes(cssrs.q1WishDead()) || yes(cssrs.q2ActiveThoughts()))) ? fire(
					inputs("cssrs.q1WishDead", cssrs.q1WishDead(), "cssrs.q2ActiveThoughts", cssrs.q2ActiveThoughts()))
					: Optional.empty();
		}

	}

	/** SCR-REV-26: high priority, reviewed within {@code si.q3ReviewHours}. */
	static final class IdeationWithMethod extends BaseRule {

		IdeationWithMethod(Criteria criteria) {
			super("SCR-REV-26", REVIEW,
					"Ideation with a method but no intent is moderate risk; clinician review is high priority.",
					"[R21]; timing is a convention (si.q3ReviewHours = " + criteria.si().q3ReviewHours() + ")");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			Cssrs cssrs = c.cssrs();
			return (cssrs != null && yes(cssrs.q3Method())) ? fire(inputs("cssrs.q3Method", cssrs.q3Method()))
					: Optional.empty();
		}

	}

	/** SCR-REV-27. */
	static final class PastSuicidalBehaviour extends BaseRule {

		PastSuicidalBehaviour() {
			super("SCR-REV-27", REVIEW, "Suicidal behaviour more than 3 months ago is a major risk factor.",
					"[R21][R22]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			Cssrs cssrs = c.cssrs();
			return (cssrs != null && yes(cssrs.q6BehaviorLifetime()) && !yes(cssrs.q6BehaviorPast3Months()))
					? fire(inputs("cssrs.q6BehaviorLifetime", cssrs.q6BehaviorLifetime(), "cssrs.q6BehaviorPast3Months",
							cssrs.q6BehaviorPast3Months()))
					: Optional.empty();
		}

	}

	/**
	 * SCR-REV-28: every required answer must be there; only the C-SSRS skip-logic gaps
	 * are allowed.
	 */
	static final class MissingData extends BaseRule {

		MissingData() {
			super("SCR-REV-28", REVIEW, "Fail-safe: never return ELIGIBLE on incomplete data.", "Convention");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			List<String> missing = missing(c);
			return missing.isEmpty() ? Optional.empty() : fire(inputs("missingFields", missing));
		}

		static List<String> missing(ScreeningInput c) {
			List<String> missing = new ArrayList<>();
			Object[] required = { "ageYears", c.ageYears(), "pregnancyStatus", c.pregnancyStatus(), "breastfeeding",
					c.breastfeeding(), "primaryDiagnosis", c.primaryDiagnosis(), "failedAdequateTrialsCurrentEpisode",
					c.failedAdequateTrialsCurrentEpisode(), "systolicBp", c.systolicBp(), "diastolicBp",
					c.diastolicBp(), "heartRate", c.heartRate(), "aneurysmalVascularDisease",
					c.aneurysmalVascularDisease(), "arteriovenousMalformation", c.arteriovenousMalformation(),
					"intracerebralHemorrhageHistory", c.intracerebralHemorrhageHistory(), "ketamineHypersensitivity",
					c.ketamineHypersensitivity(), "cardiovascularStatus", c.cardiovascularStatus(),
					"hypertensiveEncephalopathyHistory", c.hypertensiveEncephalopathyHistory(),
					"raisedIntracranialPressureRisk", c.raisedIntracranialPressureRisk(),
					"glaucomaOrRaisedIntraocularPressure", c.glaucomaOrRaisedIntraocularPressure(), "hepaticImpairment",
					c.hepaticImpairment(), "significantRespiratoryDiseaseOrOSA", c.significantRespiratoryDiseaseOrOSA(),
					"urinaryTractOrCystitisHistory", c.urinaryTractOrCystitisHistory(), "currentPsychoticSymptoms",
					c.currentPsychoticSymptoms(), "primaryPsychoticDisorder", c.primaryPsychoticDisorder(),
					"pastPsychoticSymptoms", c.pastPsychoticSymptoms(), "currentManiaOrHypomania",
					c.currentManiaOrHypomania(), "substanceUseDisorderStatus", c.substanceUseDisorderStatus(),
					"ketaminePcpUse", c.ketaminePcpUse(), "cognitiveStatus", c.cognitiveStatus(), "capacityToConsent",
					c.capacityToConsent(), "phq9Total", c.phq9Total(), "phq9Item9", c.phq9Item9(), "cssrs", c.cssrs(),
					"medicationClasses", c.medicationClasses(), "benzodiazepineDiazepamEqMgPerDay",
					c.benzodiazepineDiazepamEqMgPerDay() };
			for (int i = 0; i < required.length; i += 2) {
				if (required[i + 1] == null) {
					missing.add((String) required[i]);
				}
			}
			Cssrs cssrs = c.cssrs();
			if (cssrs != null) {
				addIfNull(missing, "cssrs.q1WishDead", cssrs.q1WishDead());
				addIfNull(missing, "cssrs.q2ActiveThoughts", cssrs.q2ActiveThoughts());
				if (yes(cssrs.q2ActiveThoughts())) {
					addIfNull(missing, "cssrs.q3Method", cssrs.q3Method());
					addIfNull(missing, "cssrs.q4Intent", cssrs.q4Intent());
					addIfNull(missing, "cssrs.q5PlanWithIntent", cssrs.q5PlanWithIntent());
				}
				addIfNull(missing, "cssrs.q6BehaviorLifetime", cssrs.q6BehaviorLifetime());
				if (yes(cssrs.q6BehaviorLifetime())) {
					addIfNull(missing, "cssrs.q6BehaviorPast3Months", cssrs.q6BehaviorPast3Months());
				}
			}
			return missing;
		}

		private static void addIfNull(List<String> missing, String field, Object value) {
			if (value == null) {
				missing.add(field);
			}
		}

	}

}
