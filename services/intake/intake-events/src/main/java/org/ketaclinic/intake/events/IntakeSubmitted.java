package org.ketaclinic.intake.events;

import java.time.Instant;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;

/**
 * An intake was submitted for screening (complete or not: missing answers are screening
 * findings).
 *
 * @param patientId the patient
 * @param submissionId the submission
 * @param version the version of its clinical section (1 when first submitted)
 * @param submittedAt when it was submitted
 * @param clinical the complete clinical section
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record IntakeSubmitted(PatientId patientId, SubmissionId submissionId, int version, Instant submittedAt,
		ClinicalSection clinical, String clinicId) implements IntakeTopicEvent {

	@Override
	public EventType type() {
		return IntakeEvents.INTAKE_SUBMITTED;
	}

	@Override
	public String subject() {
		return "submission/" + submissionId();
	}

	@Override
	public <C> void sendTo(IntakeTopicEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as producers wrote it before clinics (ADR 12): of the default clinic.
	 */
	public IntakeSubmitted(PatientId patientId, SubmissionId submissionId, int version, Instant submittedAt,
			ClinicalSection clinical) {
		this(patientId, submissionId, version, submittedAt, clinical, null);
	}

}
