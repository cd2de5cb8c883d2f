package org.ketaclinic.screening.events;

import java.time.Instant;
import java.util.UUID;

import org.ketaclinic.events.EventType;

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
public record ApprovalWithdrawn(UUID patientId, UUID assessmentId, UUID submissionId, Instant withdrawnAt,
		String clinicId) implements ScreeningEvent {

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
	public ApprovalWithdrawn(UUID patientId, UUID assessmentId, UUID submissionId, Instant withdrawnAt) {
		this(patientId, assessmentId, submissionId, withdrawnAt, null);
	}

}
