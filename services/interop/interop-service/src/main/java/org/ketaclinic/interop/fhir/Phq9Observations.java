package org.ketaclinic.interop.fhir;

import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.ketaclinic.interop.score.Phq9Scores;
import org.ketaclinic.interop.score.Phq9Scores.Score;

/**
 * A PHQ-9 total as a FHIR {@code Observation} (LOINC 44261-6, US Core's
 * screening-assessment category beside FHIR's survey), and a patient's totals as a
 * search's {@code Bundle}.
 */
public final class Phq9Observations {

	/** The PHQ-9 total score's LOINC code. */
	public static final String TOTAL_CODE = "44261-6";

	/** The code as a search names it, {@code system|code}. */
	public static final String TOTAL_TOKEN = IntakeQuestionnaire.LOINC + "|" + TOTAL_CODE;

	static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";

	private Phq9Observations() {
	}

	/** The observation of one measured total. */
	public static Observation observation(Score score) {
		Observation observation = new Observation();
		observation.setId(score.sourceId().toString());
		observation.getMeta().setLastUpdated(Date.from(score.updatedAt()));
		observation.setStatus(score.amended() ? ObservationStatus.AMENDED : ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
		observation.addCategory(
				new CodeableConcept(new Coding(US_CORE_CATEGORY, "screening-assessment", "Screening Assessment")));
		observation.setCode(new CodeableConcept(new Coding(IntakeQuestionnaire.LOINC, TOTAL_CODE,
				"Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"))
			.setText("PHQ-9 total score"));
		observation.setSubject(new Reference("Patient/" + score.patientId()));
		observation.setEffective(new DateTimeType(Date.from(score.effectiveAt())));
		observation.setIssued(Date.from(score.recordedAt()));
		observation.setValue(new IntegerType(score.total()));
		if (score.source() == Phq9Scores.Source.INTAKE) {
			// the intake's answers, served as its PHQ-9 QuestionnaireResponse
			observation.addDerivedFrom(
					new Reference("QuestionnaireResponse/" + QuestionnaireResponses.phq9Id(score.sourceId())));
		}
		return observation;
	}

	/**
	 * The search's answer: every total, with its full URL under the base.
	 * @param scores the totals found
	 * @param base the FHIR base, as in {@code https://clinic.example/fhir/r4}
	 * @param self the search as it was asked
	 */
	public static Bundle searchset(List<Score> scores, String base, String self) {
		return Searchsets.of(scores.size(), scores.stream().map(Phq9Observations::observation).toList(), base,
				Searchsets.Links.single(self));
	}

}
