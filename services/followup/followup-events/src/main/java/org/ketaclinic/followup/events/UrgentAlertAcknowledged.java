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
 */
public record UrgentAlertAcknowledged(UUID patientId, UUID alertId, Instant acknowledgedAt) {

}
