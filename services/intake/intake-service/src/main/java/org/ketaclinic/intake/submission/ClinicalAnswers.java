package org.ketaclinic.intake.submission;

import java.math.BigDecimal;
import java.util.List;

/**
 * The clinical answers of an intake as intake takes them in, checks and keeps them: the
 * request's {@code clinical} section and each stored version. Names and enum values are
 * those of clinical-criteria.md §1, as in the published contract
 * ({@code ClinicalSection}, mapped by {@link IntakeContract}), but this is intake's own
 * model: it may grow before the contract does. Every field may be null: a missing answer
 * is not an input error but a screening finding (SCR-REV-28), so an incomplete intake
 * still reaches a clinician.
 *
 * @param ageYears age on the screening date
 * @param pregnancyStatus pregnancy status
 * @param breastfeeding currently breastfeeding
 * @param primaryDiagnosis the indication being treated, confirmed by a clinician
 * @param failedAdequateTrialsCurrentEpisode failed adequate antidepressant trials in the
 * current episode
 * @param systolicBp seated systolic blood pressure, mmHg
 * @param diastolicBp seated diastolic blood pressure, mmHg
 * @param heartRate resting heart rate, beats per minute
 * @param aneurysmalVascularDisease aneurysmal vascular disease
 * @param arteriovenousMalformation arteriovenous malformation
 * @param intracerebralHemorrhageHistory any past intracerebral haemorrhage
 * @param ketamineHypersensitivity hypersensitivity to ketamine, esketamine or excipients
 * @param cardiovascularStatus cardiovascular status
 * @param hypertensiveEncephalopathyHistory past hypertensive encephalopathy
 * @param raisedIntracranialPressureRisk known raised ICP, intracranial mass or recent
 * head injury
 * @param glaucomaOrRaisedIntraocularPressure glaucoma, ocular hypertension or open-globe
 * injury
 * @param hepaticImpairment hepatic impairment (Child-Pugh where known)
 * @param significantRespiratoryDiseaseOrOSA sleep apnoea or significant respiratory
 * disease
 * @param urinaryTractOrCystitisHistory cystitis or significant lower-urinary-tract
 * symptoms
 * @param currentPsychoticSymptoms psychotic symptoms now
 * @param primaryPsychoticDisorder schizophrenia-spectrum diagnosis
 * @param pastPsychoticSymptoms any past psychotic symptoms
 * @param currentManiaOrHypomania current mania or hypomania
 * @param substanceUseDisorderStatus substance use disorder status (tobacco excluded)
 * @param ketaminePcpUse ketamine or PCP use
 * @param cognitiveStatus cognitive status
 * @param capacityToConsent clinician-assessed capacity to consent
 * @param phq9Items the nine PHQ-9 item answers (0–3 each), if captured item by item
 * @param phq9Total PHQ-9 total (0–27)
 * @param phq9Item9 PHQ-9 item 9 (0–3)
 * @param cssrs the C-SSRS screener, or null when not administered
 * @param medicationClasses current regular medications by class; empty means none
 * @param benzodiazepineDiazepamEqMgPerDay benzodiazepine dose in diazepam-equivalent mg
 * per day
 */
public record ClinicalAnswers(Integer ageYears, PregnancyStatus pregnancyStatus, Boolean breastfeeding,
		PrimaryDiagnosis primaryDiagnosis, Integer failedAdequateTrialsCurrentEpisode, Integer systolicBp,
		Integer diastolicBp, Integer heartRate, Boolean aneurysmalVascularDisease, Boolean arteriovenousMalformation,
		Boolean intracerebralHemorrhageHistory, Boolean ketamineHypersensitivity,
		CardiovascularStatus cardiovascularStatus, Boolean hypertensiveEncephalopathyHistory,
		Boolean raisedIntracranialPressureRisk, Boolean glaucomaOrRaisedIntraocularPressure,
		HepaticImpairment hepaticImpairment, Boolean significantRespiratoryDiseaseOrOSA,
		Boolean urinaryTractOrCystitisHistory, Boolean currentPsychoticSymptoms, Boolean primaryPsychoticDisorder,
		Boolean pastPsychoticSymptoms, Boolean currentManiaOrHypomania,
		SubstanceUseDisorderStatus substanceUseDisorderStatus, KetaminePcpUse ketaminePcpUse,
		CognitiveStatus cognitiveStatus, Boolean capacityToConsent, List<Integer> phq9Items, Integer phq9Total,
		Integer phq9Item9, Cssrs cssrs, List<MedicationClass> medicationClasses,
		BigDecimal benzodiazepineDiazepamEqMgPerDay) {

	/**
	 * The same section with PHQ-9 total and item 9 as given (computed by the intake
	 * service from the items when the items were captured).
	 */
	public ClinicalAnswers withPhq9(Integer total, Integer item9) {
		return new ClinicalAnswers(this.ageYears, this.pregnancyStatus, this.breastfeeding, this.primaryDiagnosis,
				this.failedAdequateTrialsCurrentEpisode, this.systolicBp, this.diastolicBp, this.heartRate,
				this.aneurysmalVascularDisease, this.arteriovenousMalformation, this.intracerebralHemorrhageHistory,
				this.ketamineHypersensitivity, this.cardiovascularStatus, this.hypertensiveEncephalopathyHistory,
				this.raisedIntracranialPressureRisk, this.glaucomaOrRaisedIntraocularPressure, this.hepaticImpairment,
				this.significantRespiratoryDiseaseOrOSA, this.urinaryTractOrCystitisHistory,
				this.currentPsychoticSymptoms, this.primaryPsychoticDisorder, this.pastPsychoticSymptoms,
				this.currentManiaOrHypomania, this.substanceUseDisorderStatus, this.ketaminePcpUse,
				this.cognitiveStatus, this.capacityToConsent, this.phq9Items, total, item9, this.cssrs,
				this.medicationClasses, this.benzodiazepineDiazepamEqMgPerDay);
	}

	/**
	 * The C-SSRS screener (recent version). Skip logic: q3–q5 only when q2 is true; the
	 * past-3-months behaviour question only when lifetime behaviour is true.
	 *
	 * @param q1WishDead wish to be dead, past month
	 * @param q2ActiveThoughts non-specific active suicidal thoughts, past month
	 * @param q3Method thoughts with method, past month
	 * @param q4Intent intent, past month
	 * @param q5PlanWithIntent plan with intent, past month
	 * @param q6BehaviorLifetime any suicidal behaviour, lifetime
	 * @param q6BehaviorPast3Months suicidal behaviour in the past 3 months
	 */
	public record Cssrs(Boolean q1WishDead, Boolean q2ActiveThoughts, Boolean q3Method, Boolean q4Intent,
			Boolean q5PlanWithIntent, Boolean q6BehaviorLifetime, Boolean q6BehaviorPast3Months) {
	}

	public enum PregnancyStatus {

		NOT_PREGNANT, PREGNANT, UNKNOWN, NOT_APPLICABLE

	}

	public enum PrimaryDiagnosis {

		MDD, BIPOLAR_DEPRESSION, PTSD, ANXIETY_DISORDER, OCD, SUBSTANCE_USE_DISORDER, OTHER

	}

	public enum CardiovascularStatus {

		NONE, STABLE, UNSTABLE_OR_RECENT_EVENT

	}

	public enum HepaticImpairment {

		NONE, MILD, MODERATE, SEVERE

	}

	public enum SubstanceUseDisorderStatus {

		NONE, IN_REMISSION, ACTIVE

	}

	public enum KetaminePcpUse {

		NONE, REMOTE_NONMEDICAL, RECENT_NONMEDICAL_OR_USE_DISORDER

	}

	public enum CognitiveStatus {

		NORMAL, MILD_IMPAIRMENT, DEMENTIA

	}

	public enum MedicationClass {

		SSRI, SNRI, OTHER_ANTIDEPRESSANT, MAOI, PSYCHOSTIMULANT, BENZODIAZEPINE, OPIOID, OTHER_CNS_DEPRESSANT,
		LAMOTRIGINE, LITHIUM, VALPROATE, ANTIPSYCHOTIC, OTHER

	}

}
