package org.ketaclinic.scheduling.events;

import java.time.OffsetDateTime;
import java.util.UUID;

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
 */
public record SessionRescheduled(UUID patientId, UUID planId, UUID sessionId, OffsetDateTime previousStartsAt,
		OffsetDateTime startsAt, OffsetDateTime endsAt, UUID chairId, String timeZone, String clinicId) {

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionRescheduled(UUID patientId, UUID planId, UUID sessionId, OffsetDateTime previousStartsAt,
			OffsetDateTime startsAt, OffsetDateTime endsAt, UUID chairId, String timeZone) {
		this(patientId, planId, sessionId, previousStartsAt, startsAt, endsAt, chairId, timeZone, null);
	}

}
