package org.ketaclinic.screening.intake;

import org.ketaclinic.events.Codes;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.screening.criteria.ScreeningInput;

/**
 * Intake's clinical section, as published in its events (the contract), mapped onto what
 * the screening rules read. Names and enum values are the criteria file's on both sides;
 * the mapping is by name, so a value this build does not know fails loudly here rather
 * than being read as another.
 */
final class ScreeningInputs {

	private ScreeningInputs() {
	}

	static ScreeningInput from(ClinicalSection clinical) {
		if (clinical == null) {
			return null;
		}
		return new ScreeningInput(clinical.ageYears(),
				Codes.as(ScreeningInput.PregnancyStatus.class, clinical.pregnancyStatus()), clinical.breastfeeding(),
				Codes.as(ScreeningInput.PrimaryDiagnosis.class, clinical.primaryDiagnosis()),
				clinical.failedAdequateTrialsCurrentEpisode(), clinical.systolicBp(), clinical.diastolicBp(),
				clinical.heartRate(), clinical.aneurysmalVascularDisease(), clinical.arteriovenousMalformation(),
				clinical.intracerebralHemorrhageHistory(), clinical.ketamineHypersensitivity(),
				Codes.as(ScreeningInput.CardiovascularStatus.class, clinical.cardiovascularStatus()),
				clinical.hypertensiveEncephalopathyHistory(), clinical.raisedIntracranialPressureRisk(),
				clinical.glaucomaOrRaisedIntraocularPressure(),
				Codes.as(ScreeningInput.HepaticImpairment.class, clinical.hepaticImpairment()),
				clinical.significantRespiratoryDiseaseOrOSA(), clinical.urinaryTractOrCystitisHistory(),
				clinical.currentPsychoticSymptoms(), clinical.primaryPsychoticDisorder(),
				clinical.pastPsychoticSymptoms(), clinical.currentManiaOrHypomania(),
				Codes.as(ScreeningInput.SubstanceUseDisorderStatus.class, clinical.substanceUseDisorderStatus()),
				Codes.as(ScreeningInput.KetaminePcpUse.class, clinical.ketaminePcpUse()),
				Codes.as(ScreeningInput.CognitiveStatus.class, clinical.cognitiveStatus()),
				clinical.capacityToConsent(), clinical.phq9Items(), clinical.phq9Total(), clinical.phq9Item9(),
				cssrs(clinical.cssrs()),
				Codes.allAs(ScreeningInput.MedicationClass.class, clinical.medicationClasses()),
				clinical.benzodiazepineDiazepamEqMgPerDay());
	}

	private static ScreeningInput.Cssrs cssrs(ClinicalSection.Cssrs cssrs) {
		return (cssrs != null) ? new ScreeningInput.Cssrs(cssrs.q1WishDead(), cssrs.q2ActiveThoughts(),
				cssrs.q3Method(), cssrs.q4Intent(), cssrs.q5PlanWithIntent(), cssrs.q6BehaviorLifetime(),
				cssrs.q6BehaviorPast3Months()) : null;
	}

}
