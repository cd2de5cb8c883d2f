package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;

/**
 * A status recorded by mistake was corrected. A correction never completes a session
 * (only the clinician's session record does, through the blood-pressure gate) and never
 * revives a cancelled one; consumers bring their own view in line (reminders stop for a
 * session corrected to {@code MISSED} or {@code CANCELLED}, resume for one corrected back
 * to {@code BOOKED} that is still ahead).
 *
 * @param patientId the patient
 * @param planId the plan
 * @param sessionId the session
 * @param previousStatus the status before
 * @param status the corrected status: {@code BOOKED}, {@code CHECKED_IN},
 * {@code IN_PROGRESS}, {@code CANCELLED} or {@code MISSED}
 * @param startsAt when the session starts, in the location's zone
 * @param endsAt when its chair block ends
 * @param chairId the chair
 * @param timeZone the location's IANA time zone
 * @param correctedAt when
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 * @param sessionVersion the session's version after this change (issue 19): it grows with
 * every change of the session, and a consumer applies an event only if it is newer than
 * the last it applied; null from producers before versions, applied in order of arrival
 */
public record SessionStatusCorrected(PatientId patientId, PlanId planId, SessionId sessionId,
		SessionStatus previousStatus, CorrectedStatus status, OffsetDateTime startsAt, OffsetDateTime endsAt,
		ChairId chairId, String timeZone, Instant correctedAt, String clinicId,
		Long sessionVersion) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.SESSION_STATUS_CORRECTED;
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
	public SessionStatusCorrected(PatientId patientId, PlanId planId, SessionId sessionId, SessionStatus previousStatus,
			CorrectedStatus status, OffsetDateTime startsAt, OffsetDateTime endsAt, ChairId chairId, String timeZone,
			Instant correctedAt, String clinicId) {
		this(patientId, planId, sessionId, previousStatus, status, startsAt, endsAt, chairId, timeZone, correctedAt,
				clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionStatusCorrected(PatientId patientId, PlanId planId, SessionId sessionId, SessionStatus previousStatus,
			CorrectedStatus status, OffsetDateTime startsAt, OffsetDateTime endsAt, ChairId chairId, String timeZone,
			Instant correctedAt) {
		this(patientId, planId, sessionId, previousStatus, status, startsAt, endsAt, chairId, timeZone, correctedAt,
				null);
	}

}
