package org.ketaclinic.intake.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;

/**
 * The two questionnaires of a submitted or amended intake, as answered: the PHQ-9 (its
 * nine items when given item by item, its total and item 9) and the C-SSRS screener.
 * Published on {@link Topics#INTEROP} only, for the interop service's FHIR
 * {@code QuestionnaireResponse}s (ADR 18); nothing else of the clinical section.
 *
 * @param patientId the patient
 * @param submissionId the submission
 * @param version the submission's version (1 when submitted, higher when amended)
 * @param phq9Items the nine PHQ-9 answers (0 to 3), or null when not given item by item
 * @param phq9Total the PHQ-9 total, or null when not every item was answered
 * @param phq9Item9 PHQ-9 item 9, or null
 * @param cssrs the C-SSRS screener's answers, or null when not administered
 * @param answeredAt when the version was submitted or amended
 * @param clinicId the patient's clinic (ADR 12)
 */
public record IntakeQuestionnairesAnswered(PatientId patientId, SubmissionId submissionId, int version,
		List<Integer> phq9Items, Integer phq9Total, Integer phq9Item9, ClinicalSection.Cssrs cssrs, Instant answeredAt,
		String clinicId) implements InteropTopicEvent {

	@Override
	public EventType type() {
		return IntakeEvents.INTAKE_QUESTIONNAIRES_ANSWERED;
	}

	@Override
	public String subject() {
		return "submission/" + submissionId();
	}

	@Override
	public <C> void sendTo(InteropTopicEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

}
