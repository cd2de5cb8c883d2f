package org.ketaclinic.intake.submission;

import java.time.Instant;
import java.util.UUID;

import org.ketaclinic.events.Codes;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.intake.events.IntakeQuestionnairesAnswered;

/**
 * Intake's clinical answers as its events publish them: the contract screening reads
 * ({@code ClinicalSection} in {@code IntakeSubmitted} and {@code IntakeAmended}) and the
 * questionnaires interop reads ({@code IntakeQuestionnairesAnswered}). Names and enum
 * values are the criteria file's on both sides, mapped by name.
 */
final class IntakeContract {

	private IntakeContract() {
	}

	/**
	 * The PHQ-9 and C-SSRS screener answers of a version sent to screening, for interop's
	 * QuestionnaireResponses: those two questionnaires of the section, nothing else of it
	 * (ADR 18).
	 */
	static IntakeQuestionnairesAnswered questionnairesAnswered(UUID patientId, UUID submissionId, int version,
			ClinicalAnswers answers, Instant answeredAt, String clinicId) {
		ClinicalSection section = clinicalSection(answers);
		return new IntakeQuestionnairesAnswered(new PatientId(patientId), new SubmissionId(submissionId), version,
				(section != null) ? section.phq9Items() : null, (section != null) ? section.phq9Total() : null,
				(section != null) ? section.phq9Item9() : null, (section != null) ? section.cssrs() : null, answeredAt,
				clinicId);
	}

	static ClinicalSection clinicalSection(ClinicalAnswers answers) {
		if (answers == null) {
			return null;
		}
		return new ClinicalSection(answers.ageYears(),
				Codes.as(ClinicalSection.PregnancyStatus.class, answers.pregnancyStatus()), answers.breastfeeding(),
				Codes.as(ClinicalSection.PrimaryDiagnosis.class, answers.primaryDiagnosis()),
				answers.failedAdequateTrialsCurrentEpisode(), answers.systolicBp(), answers.diastolicBp(),
				answers.heartRate(), answers.aneurysmalVascularDisease(), answers.arteriovenousMalformation(),
				answers.intracerebralHemorrhageHistory(), answers.ketamineHypersensitivity(),
				Codes.as(ClinicalSection.CardiovascularStatus.class, answers.cardiovascularStatus()),
				answers.hypertensiveEncephalopathyHistory(), answers.raisedIntracranialPressureRisk(),
				answers.glaucomaOrRaisedIntraocularPressure(),
				Codes.as(ClinicalSection.HepaticImpairment.class, answers.hepaticImpairment()),
				answers.significantRespiratoryDiseaseOrOSA(), answers.urinaryTractOrCystitisHistory(),
				answers.currentPsychoticSymptoms(), answers.primaryPsychoticDisorder(), answers.pastPsychoticSymptoms(),
				answers.currentManiaOrHypomania(),
				Codes.as(ClinicalSection.SubstanceUseDisorderStatus.class, answers.substanceUseDisorderStatus()),
				Codes.as(ClinicalSection.KetaminePcpUse.class, answers.ketaminePcpUse()),
				Codes.as(ClinicalSection.CognitiveStatus.class, answers.cognitiveStatus()), answers.capacityToConsent(),
				answers.phq9Items(), answers.phq9Total(), answers.phq9Item9(), cssrs(answers.cssrs()),
				Codes.allAs(ClinicalSection.MedicationClass.class, answers.medicationClasses()),
				answers.benzodiazepineDiazepamEqMgPerDay());
	}

	private static ClinicalSection.Cssrs cssrs(ClinicalAnswers.Cssrs cssrs) {
		return (cssrs != null) ? new ClinicalSection.Cssrs(cssrs.q1WishDead(), cssrs.q2ActiveThoughts(),
				cssrs.q3Method(), cssrs.q4Intent(), cssrs.q5PlanWithIntent(), cssrs.q6BehaviorLifetime(),
				cssrs.q6BehaviorPast3Months()) : null;
	}

}
