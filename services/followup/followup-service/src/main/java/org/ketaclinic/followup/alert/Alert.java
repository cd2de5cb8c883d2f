package org.ketaclinic.followup.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A clinician alert.
 *
 * @param id the alert
 * @param patientId the patient
 * @param checkInId the check-in that raised it, if any
 * @param severity {@code URGENT} or {@code REVIEW}
 * @param reason what happened, in words
 * @param reasons the codes behind it
 * @param createdAt when it was raised
 * @param acknowledgeBy when a clinician must have acknowledged it
 * @param status {@code OPEN} or {@code ACKNOWLEDGED}
 * @param acknowledgedAt when
 * @param acknowledgedBy by whom
 * @param note the clinician's note
 * @param source what raised it: {@code SCREENING}, {@code CHECK_IN}, {@code PRE_DOSE} or
 * {@code SMS_REPLY}
 * @param unpagedSince since when nobody on call could be paged for it (urgent alerts),
 * null while somebody is paged
 * @param clinicId the patient's clinic (ADR 12)
 */
public record Alert(UUID id, UUID patientId, UUID checkInId, String severity, String reason, List<String> reasons,
		Instant createdAt, Instant acknowledgeBy, String status, Instant acknowledgedAt, String acknowledgedBy,
		String note, String source, Instant unpagedSince, String clinicId) {
}
