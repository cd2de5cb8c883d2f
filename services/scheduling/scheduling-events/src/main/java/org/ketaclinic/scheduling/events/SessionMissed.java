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
 */
public record SessionMissed(UUID patientId, UUID planId, UUID sessionId, OffsetDateTime startsAt, Instant markedAt) {

}
