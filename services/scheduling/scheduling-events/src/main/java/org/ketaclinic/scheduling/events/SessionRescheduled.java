package org.ketaclinic.scheduling.events;

import java.time.OffsetDateTime;

import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;

/**
 * A booked session moved to another time or chair; its reminders move with it.
 *
 * @param patientId the patient
 * @param planId the plan
 * @param sessionId the session
 * @param previousStartsAt when it was to start
 * @param startsAt when it starts now, clinic-local with offset
 * @param endsAt the end of its chair time
 * @param chairId the chair
 * @param timeZone the clinic's IANA time zone
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 * @param sessionVersion the session's version after this change (issue 19): it grows with
 * every change of the session, and a consumer applies an event only if it is newer than
 * the last it applied; null from producers before versions, applied in order of arrival
 */
public record SessionRescheduled(PatientId patientId, PlanId planId, SessionId sessionId,
		OffsetDateTime previousStartsAt, OffsetDateTime startsAt, OffsetDateTime endsAt, ChairId chairId,
		String timeZone, String clinicId, Long sessionVersion) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.SESSION_RESCHEDULED;
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
	public SessionRescheduled(PatientId patientId, PlanId planId, SessionId sessionId, OffsetDateTime previousStartsAt,
			OffsetDateTime startsAt, OffsetDateTime endsAt, ChairId chairId, String timeZone, String clinicId) {
		this(patientId, planId, sessionId, previousStartsAt, startsAt, endsAt, chairId, timeZone, clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionRescheduled(PatientId patientId, PlanId planId, SessionId sessionId, OffsetDateTime previousStartsAt,
			OffsetDateTime startsAt, OffsetDateTime endsAt, ChairId chairId, String timeZone) {
		this(patientId, planId, sessionId, previousStartsAt, startsAt, endsAt, chairId, timeZone, null);
	}

}
