package org.ketaclinic.followup.checkin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.followup.policy.CheckInKind;

/**
 * A check-in.
 *
 * @param id the check-in
 * @param patientId the patient
 * @param kind why it is asked
 * @param dayNumber the day after the session it counts from, if on the cadence
 * @param dueAt when it is due
 * @param tokenNonce the nonce its link's token is derived from
 * @param expiresAt when its link stops working, set when it is sent
 * @param status {@code PLANNED}, {@code SENT}, {@code ANSWERED} or {@code CANCELLED}
 * @param answeredAt when it was answered
 * @param phq9Total the PHQ-9 total, if all nine items were answered
 * @param phq9Item9 PHQ-9 item 9
 * @param responseStatus the response status against the baseline
 * @param symptoms the symptom and side-effect codes reported
 * @param clinicId the patient's clinic (ADR 12)
 */
public record CheckIn(UUID id, UUID patientId, CheckInKind kind, Integer dayNumber, Instant dueAt, UUID tokenNonce,
		Instant expiresAt, String status, Instant answeredAt, Integer phq9Total, Integer phq9Item9,
		String responseStatus, List<String> symptoms, String clinicId) {
}
