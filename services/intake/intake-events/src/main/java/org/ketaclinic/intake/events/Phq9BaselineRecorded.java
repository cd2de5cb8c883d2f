package org.ketaclinic.intake.events;

import java.time.Instant;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;

/**
 * The PHQ-9 total of a submitted or amended intake: the baseline follow-up compares
 * check-ins with, and all of the intake's clinical section that follow-up may know (issue
 * 18: PHI kept minimal). Published on {@link Topics#PATIENTS}, never with the clinical
 * section.
 *
 * @param patientId the patient
 * @param submissionId the submission
 * @param version the submission's version (1 when submitted, higher when amended)
 * @param phq9Total the PHQ-9 total (0 to 27), or null when not every item was answered
 * @param recordedAt when the version was submitted or amended
 * @param clinicId the patient's clinic (ADR 12)
 */
public record Phq9BaselineRecorded(PatientId patientId, SubmissionId submissionId, int version, Integer phq9Total,
		Instant recordedAt, String clinicId) implements PatientsTopicEvent {

	@Override
	public EventType type() {
		return IntakeEvents.PHQ9_BASELINE_RECORDED;
	}

	@Override
	public String subject() {
		return "submission/" + submissionId();
	}

	@Override
	public <C> void sendTo(PatientsTopicEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

}
