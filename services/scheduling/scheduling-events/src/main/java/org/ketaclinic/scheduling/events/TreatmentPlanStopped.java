package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;

/**
 * A plan stopped and every future booked session of it was cancelled (each also published
 * as a {@code SessionCancelled} with reason {@code PLAN_STOPPED}); the front desk is
 * asked to call the patient.
 *
 * @param patientId the patient
 * @param planId the plan
 * @param reasonCode why: {@code APPROVAL_WITHDRAWN} (the intake was withdrawn),
 * {@code APPROVAL_SUPERSEDED} (a newer assessment replaced the approval),
 * {@code URGENT_FINDING} (a new urgent assessment), {@code PLAN_CANCELLED} (a clinician
 * cancelled the plan), {@code REVIEW_EXPIRED} (a booster's approval is older than the
 * maintenance review period)
 * @param cancelledSessionIds the sessions cancelled with it, possibly none
 * @param stoppedAt when
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 * @param planVersion the plan's version after this change (issue 19): it grows with every
 * change of the plan, and a consumer applies an event only if it is newer than the last
 * it applied; null from producers before versions, applied in order of arrival
 */
public record TreatmentPlanStopped(PatientId patientId, PlanId planId, StopReason reasonCode,
		List<SessionId> cancelledSessionIds, Instant stoppedAt, String clinicId,
		Long planVersion) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.TREATMENT_PLAN_STOPPED;
	}

	@Override
	public String subject() {
		return "plan/" + planId();
	}

	@Override
	public <C> void sendTo(SchedulingEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before versions (issue 19): applied in order of
	 * arrival.
	 */
	public TreatmentPlanStopped(PatientId patientId, PlanId planId, StopReason reasonCode,
			List<SessionId> cancelledSessionIds, Instant stoppedAt, String clinicId) {
		this(patientId, planId, reasonCode, cancelledSessionIds, stoppedAt, clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public TreatmentPlanStopped(PatientId patientId, PlanId planId, StopReason reasonCode,
			List<SessionId> cancelledSessionIds, Instant stoppedAt) {
		this(patientId, planId, reasonCode, cancelledSessionIds, stoppedAt, null);
	}

}
