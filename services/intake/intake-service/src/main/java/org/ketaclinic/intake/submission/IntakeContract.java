package org.ketaclinic.intake.submission;

import java.util.List;

import org.ketaclinic.intake.events.ClinicalSection;

/**
 * Intake's clinical answers as its events publish them: the contract screening reads
 * ({@code ClinicalSection} in {@code IntakeSubmitted} and {@code IntakeAmended}). Names
 * and enum values are the criteria file's on both sides, mapped by name.
 */
final class IntakeContract {

	private IntakeContract() {
	}

	static ClinicalSection clinicalSection(ClinicalAnswers answers) {
		if (answers == null) {
			return null;
		}
		return new ClinicalSection(answers.ageYears(),
				as(ClinicalSection.PregnancyStatus.class, answers.pregnancyStatus()), answers.breastfeeding(),
				as(ClinicalSection.PrimaryDiagnosis.class, answers.primaryDiagnosis()),
				answers.failedAdequateTrialsCurrentEpisode(), answers.systolicBp(), answers.diastolicBp(),
				answers.heartRate(), answers.aneurysmalVascularDisease(), answers.arteriovenousMalformation(),
				answers.intracerebralHemorrhageHistory(), answers.ketamineHypersensitivity(),
				as(ClinicalSection.CardiovascularStatus.class, answers.cardiovascularStatus()),
				answers.hypertensiveEncephalopathyHistory(), answers.raisedIntracranialPressureRisk(),
				answers.glaucomaOrRaisedIntraocularPressure(),
				as(ClinicalSection.HepaticImpairment.class, answers.hepaticImpairment()),
				answers.significantRespiratoryDiseaseOrOSA(), answers.urinaryTractOrCystitisHistory(),
				answers.currentPsychoticSymptoms(), answers.primaryPsychoticDisorder(), answers.pastPsychoticSymptoms(),
				answers.currentManiaOrHypomania(),
				as(ClinicalSection.SubstanceUseDisorderStatus.class, answers.substanceUseDisorderStatus()),
				as(ClinicalSection.KetaminePcpUse.class, answers.ketaminePcpUse()),
				as(ClinicalSection.CognitiveStatus.class, answers.cognitiveStatus()), answers.capacityToConsent(),
				answers.phq9Items(), answers.phq9Total(), answers.phq9Item9(), cssrs(answers.cssrs()),
				medications(answers.medicationClasses()), answers.benzodiazepineDiazepamEqMgPerDay());
	}

	private static ClinicalSection.Cssrs cssrs(ClinicalAnswers.Cssrs cssrs) {
		return (cssrs != null) ? new ClinicalSection.Cssrs(cssrs.q1WishDead(), cssrs.q2ActiveThoughts(),
				cssrs.q3Method(), cssrs.q4Intent(), cssrs.q5PlanWithIntent(), cssrs.q6BehaviorLifetime(),
				cssrs.q6BehaviorPast3Months()) : null;
	}

	private static List<ClinicalSection.MedicationClass> medications(List<ClinicalAnswers.MedicationClass> classes) {
		return (classes != null)
				? classes.stream().map((medication) -> as(ClinicalSection.MedicationClass.class, medication)).toList()
				: null;
	}

	private static <E extends Enum<E>> E as(Class<E> type, Enum<?> value) {
		return (value != null) ? Enum.valueOf(type, value.name()) : null;
	}

}
