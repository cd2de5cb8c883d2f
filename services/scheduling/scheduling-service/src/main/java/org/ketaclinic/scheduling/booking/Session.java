package org.ketaclinic.scheduling.booking;

import java.time.Instant;
import java.util.UUID;

/**
 * A session of a treatment plan.
 *
 * @param id the session
 * @param planId the plan
 * @param patientId the patient
 * @param locationId where
 * @param chairId which chair
 * @param sequence its place in the plan, from 1
 * @param startsAt start
 * @param endsAt end of its chair time
 * @param status {@code BOOKED}, {@code CHECKED_IN}, {@code IN_PROGRESS},
 * {@code COMPLETED}, {@code CANCELLED}, {@code MISSED}
 * @param clinicId its plan's clinic (ADR 12)
 */
public record Session(UUID id, UUID planId, UUID patientId, UUID locationId, UUID chairId, int sequence,
		Instant startsAt, Instant endsAt, String status, String clinicId) {

	/** Whether the session holds its chair (and counts towards its plan). */
	public boolean holdsChair() {
		return holdsChair(this.status);
	}

	/**
	 * Whether a session in this status holds its chair: booked, checked in, in progress
	 * or completed.
	 */
	public static boolean holdsChair(String status) {
		return switch (status) {
			case "BOOKED", "CHECKED_IN", "IN_PROGRESS", "COMPLETED" -> true;
			default -> false;
		};
	}

}
