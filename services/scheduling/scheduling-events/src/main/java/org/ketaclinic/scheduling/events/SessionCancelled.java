package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;

/**
 * A booked session was cancelled; its reminders stop. The free-text reason stays in
 * scheduling.
 *
 * @param patientId the patient
 * @param planId the plan
 * @param sessionId the session
 * @param startsAt when it would have started
 * @param reasonCode why, as a code: {@code PATIENT_REQUEST}, {@code CLINIC_REQUEST},
 * {@code APPROVAL_WITHDRAWN}, {@code OTHER}, {@code PLAN_STOPPED} (its plan stopped: see
 * {@code TreatmentPlanStopped})
 * @param cancelledAt when
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 * @param sessionVersion the session's version after this change (issue 19): it grows with
 * every change of the session, and a consumer applies an event only if it is newer than
 * the last it applied; null from producers before versions, applied in order of arrival
 */
public record SessionCancelled(PatientId patientId, PlanId planId, SessionId sessionId, OffsetDateTime startsAt,
		CancellationReason reasonCode, Instant cancelledAt, String clinicId,
		Long sessionVersion) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.SESSION_CANCELLED;
	}

	@Override
	public String subject() {
		return "session/" + sessionId();
	}

	@Override
	public <C> void sendTo(SchedulingEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before versions (issue 19): applied in order of
	 * arrival.
	 */
	public SessionCancelled(PatientId patientId, PlanId planId, SessionId sessionId, OffsetDateTime startsAt,
			CancellationReason reasonCode, Instant cancelledAt, String clinicId) {
		this(patientId, planId, sessionId, startsAt, reasonCode, cancelledAt, clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionCancelled(PatientId patientId, PlanId planId, SessionId sessionId, OffsetDateTime startsAt,
			CancellationReason reasonCode, Instant cancelledAt) {
		this(patientId, planId, sessionId, startsAt, reasonCode, cancelledAt, null);
	}

}
