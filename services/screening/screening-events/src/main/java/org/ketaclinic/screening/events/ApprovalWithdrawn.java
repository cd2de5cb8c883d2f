package org.ketaclinic.screening.events;

import java.time.Instant;

import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;

/**
 * An approval no longer stands because its intake was withdrawn; plans made from it stop.
 *
 * @param patientId the patient
 * @param assessmentId the approved assessment
 * @param submissionId the withdrawn intake submission
 * @param withdrawnAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record ApprovalWithdrawn(PatientId patientId, AssessmentId assessmentId, SubmissionId submissionId,
		Instant withdrawnAt, String clinicId) implements ScreeningEvent {

	@Override
	public EventType type() {
		return ScreeningEvents.APPROVAL_WITHDRAWN;
	}

	@Override
	public String subject() {
		return "assessment/" + assessmentId();
	}

	@Override
	public <C> void sendTo(ScreeningEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as producers wrote it before clinics (ADR 12): of the default clinic.
	 */
	public ApprovalWithdrawn(PatientId patientId, AssessmentId assessmentId, SubmissionId submissionId,
			Instant withdrawnAt) {
		this(patientId, assessmentId, submissionId, withdrawnAt, null);
	}

}
