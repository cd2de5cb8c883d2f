package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

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
 */
public record SessionMissed(UUID patientId, UUID planId, UUID sessionId, OffsetDateTime startsAt, Instant markedAt,
		String clinicId) {

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionMissed(UUID patientId, UUID planId, UUID sessionId, OffsetDateTime startsAt, Instant markedAt) {
		this(patientId, planId, sessionId, startsAt, markedAt, null);
	}

}
