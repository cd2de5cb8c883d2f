package org.ketaclinic.scheduling.events;

import java.time.OffsetDateTime;

import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.LocationId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;

/**
 * A session was booked into a chair.
 *
 * @param patientId the patient
 * @param planId the plan
 * @param sessionId the session
 * @param sequence its place in the plan, from 1
 * @param protocol {@code IV_KETAMINE} or {@code ESKETAMINE}
 * @param locationId where
 * @param chairId which chair
 * @param startsAt when it starts, in clinic-local time with its offset
 * @param endsAt when the chair is free again
 * @param timeZone the clinic's IANA time zone
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 * @param sessionVersion the session's version after this change (issue 19): it grows with
 * every change of the session, and a consumer applies an event only if it is newer than
 * the last it applied; null from producers before versions, applied in order of arrival
 */
public record SessionBooked(PatientId patientId, PlanId planId, SessionId sessionId, int sequence, Protocol protocol,
		LocationId locationId, ChairId chairId, OffsetDateTime startsAt, OffsetDateTime endsAt, String timeZone,
		String clinicId, Long sessionVersion) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.SESSION_BOOKED;
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
	public SessionBooked(PatientId patientId, PlanId planId, SessionId sessionId, int sequence, Protocol protocol,
			LocationId locationId, ChairId chairId, OffsetDateTime startsAt, OffsetDateTime endsAt, String timeZone,
			String clinicId) {
		this(patientId, planId, sessionId, sequence, protocol, locationId, chairId, startsAt, endsAt, timeZone,
				clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionBooked(PatientId patientId, PlanId planId, SessionId sessionId, int sequence, Protocol protocol,
			LocationId locationId, ChairId chairId, OffsetDateTime startsAt, OffsetDateTime endsAt, String timeZone) {
		this(patientId, planId, sessionId, sequence, protocol, locationId, chairId, startsAt, endsAt, timeZone, null);
	}

}
