package org.ketaclinic.followup.session;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A session as follow-up knows it.
 *
 * @param id the session
 * @param patientId the patient
 * @param planId its plan
 * @param planKind {@code INDUCTION} or {@code BOOSTER}
 * @param sequence its place in the plan
 * @param protocol {@code IV_KETAMINE} or {@code ESKETAMINE}
 * @param startsAt when it starts
 * @param clinicZone the clinic's time zone
 * @param status {@code BOOKED}, {@code CANCELLED}, {@code COMPLETED} or {@code MISSED}
 * @param confirmedAt when the patient confirmed it by reply, if they did
 */
public record Session(UUID id, UUID patientId, UUID planId, String planKind, int sequence, String protocol,
		Instant startsAt, ZoneId clinicZone, String status, Instant confirmedAt) {

	public boolean isBooked() {
		return "BOOKED".equals(this.status);
	}

}
