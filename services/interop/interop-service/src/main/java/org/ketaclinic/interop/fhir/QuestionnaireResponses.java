package org.ketaclinic.interop.fhir;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.ketaclinic.interop.answers.QuestionnaireAnswers.Answers;

/**
 * An intake's questionnaires as FHIR {@code QuestionnaireResponse}s: the PHQ-9 (LOINC
 * panel 44249-1, each item by its LOINC code, each answer by its LOINC answer code, the
 * total 44261-6) and the C-SSRS screener (the platform's own form, one boolean item per
 * question asked).
 */
public final class QuestionnaireResponses {

	/** The PHQ-9 panel's canonical, as LOINC publishes its forms. */
	public static final String PHQ9 = "http://loinc.org/q/44249-1";

	/** The C-SSRS screener as the intake asks it. */
	public static final String CSSRS = "https://ketaclinic.org/fhir/Questionnaire/cssrs-screener";

	/** The nine items' LOINC codes, in order. */
	static final List<String> PHQ9_ITEMS = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
			"44252-5", "44253-3", "44260-8");

	/** The answers' LOINC codes and words, 0 to 3. */
	static final List<Coding> PHQ9_ANSWERS = List.of(new Coding(IntakeQuestionnaire.LOINC, "LA6568-5", "Not at all"),
			new Coding(IntakeQuestionnaire.LOINC, "LA6569-3", "Several days"),
			new Coding(IntakeQuestionnaire.LOINC, "LA6570-1", "More than half the days"),
			new Coding(IntakeQuestionnaire.LOINC, "LA6571-9", "Nearly every day"));

	private QuestionnaireResponses() {
	}

	/**
	 * The id of a submission's PHQ-9 response, which its total's Observation derives
	 * from.
	 */
	public static String phq9Id(Object submissionId) {
		return "phq9-" + submissionId;
	}

	/** The id of a submission's C-SSRS screener response. */
	public static String cssrsId(Object submissionId) {
		return "cssrs-" + submissionId;
	}

	/** The responses of one submission: its PHQ-9 and its screener, each if answered. */
	public static List<QuestionnaireResponse> of(Answers answers) {
		List<QuestionnaireResponse> responses = new ArrayList<>();
		if (answers.hasPhq9()) {
			responses.add(phq9(answers));
		}
		if (answers.cssrs() != null) {
			responses.add(cssrs(answers));
		}
		return responses;
	}

	static QuestionnaireResponse phq9(Answers answers) {
		QuestionnaireResponse response = response(answers, phq9Id(answers.submissionId()), PHQ9);
		List<Integer> items = answers.phq9Items();
		for (int i = 0; i < PHQ9_ITEMS.size(); i++) {
			Integer answer = (items != null) ? items.get(i) : (i == 8) ? answers.phq9Item9() : null;
			if (answer != null) {
				QuestionnaireResponseItemComponent item = response.addItem().setLinkId(PHQ9_ITEMS.get(i));
				item.addAnswer().setValue(PHQ9_ANSWERS.get(answer).copy());
			}
		}
		if (answers.phq9Total() != null) {
			response.addItem()
				.setLinkId(Phq9Observations.TOTAL_CODE)
				.setText("PHQ-9 total score")
				.addAnswer()
				.setValue(new IntegerType(answers.phq9Total()));
		}
		return response;
	}

	static QuestionnaireResponse cssrs(Answers answers) {
		QuestionnaireResponse response = response(answers, cssrsId(answers.submissionId()), CSSRS);
		for (Map.Entry<String, Boolean> question : answers.cssrs().entrySet()) {
			if (question.getValue() != null) {
				response.addItem()
					.setLinkId(question.getKey())
					.setText(IntakeQuestionnaire.words(question.getKey()))
					.addAnswer()
					.setValue(new BooleanType(question.getValue()));
			}
		}
		return response;
	}

	private static QuestionnaireResponse response(Answers answers, String id, String questionnaire) {
		QuestionnaireResponse response = new QuestionnaireResponse();
		response.setId(id);
		response.getMeta().setLastUpdated(Date.from(answers.updatedAt()));
		response.setQuestionnaire(questionnaire);
		response
			.setStatus(answers.amended() ? QuestionnaireResponseStatus.AMENDED : QuestionnaireResponseStatus.COMPLETED);
		response.setSubject(new Reference("Patient/" + answers.patientId()));
		response.setAuthored(Date.from(answers.answeredAt()));
		return response;
	}

}
