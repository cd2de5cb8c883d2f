package org.ketaclinic.intake.events;

import java.time.Instant;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;

/**
 * A submission was withdrawn; its open screening work stops. The reason stays in the
 * intake service.
 *
 * @param patientId the patient
 * @param submissionId the submission
 * @param withdrawnAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record IntakeWithdrawn(PatientId patientId, SubmissionId submissionId, Instant withdrawnAt,
		String clinicId) implements IntakeTopicEvent {

	@Override
	public EventType type() {
		return IntakeEvents.INTAKE_WITHDRAWN;
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
	public IntakeWithdrawn(PatientId patientId, SubmissionId submissionId, Instant withdrawnAt) {
		this(patientId, submissionId, withdrawnAt, null);
	}

}
