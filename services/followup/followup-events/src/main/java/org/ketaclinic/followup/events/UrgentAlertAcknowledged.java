package org.ketaclinic.followup.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A clinician acknowledged an urgent alert with their assessment: paging stops and the
 * alert no longer holds the patient's dosing.
 *
 * @param patientId the patient
 * @param alertId the alert
 * @param acknowledgedAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record UrgentAlertAcknowledged(UUID patientId, UUID alertId, Instant acknowledgedAt, String clinicId) {

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public UrgentAlertAcknowledged(UUID patientId, UUID alertId, Instant acknowledgedAt) {
		this(patientId, alertId, acknowledgedAt, null);
	}

}
