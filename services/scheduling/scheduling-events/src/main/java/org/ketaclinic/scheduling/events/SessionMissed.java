package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;

/**
 * A patient did not come to a booked session (not checked in within the grace period, or
 * marked by staff).
 *
 * @param patientId the patient
 * @param planId the plan
 * @param sessionId the session
 * @param startsAt when it was to start
 * @param markedAt when it was marked missed
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 * @param sessionVersion the session's version after this change (issue 19): it grows with
 * every change of the session, and a consumer applies an event only if it is newer than
 * the last it applied; null from producers before versions, applied in order of arrival
 */
public record SessionMissed(PatientId patientId, PlanId planId, SessionId sessionId, OffsetDateTime startsAt,
		Instant markedAt, String clinicId, Long sessionVersion) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.SESSION_MISSED;
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
	public SessionMissed(PatientId patientId, PlanId planId, SessionId sessionId, OffsetDateTime startsAt,
			Instant markedAt, String clinicId) {
		this(patientId, planId, sessionId, startsAt, markedAt, clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionMissed(PatientId patientId, PlanId planId, SessionId sessionId, OffsetDateTime startsAt,
			Instant markedAt) {
		this(patientId, planId, sessionId, startsAt, markedAt, null);
	}

}
