package org.ketaclinic.followup.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * Something for the front desk to do.
 *
 * @param id the task
 * @param patientId the patient, if known
 * @param kind {@code REACH_PATIENT} (no channel worked), {@code READ_REPLY} (a patient's
 * text), {@code CALL_PATIENT} (a stopped plan), {@code CALL_ON_CALL} (nobody on call
 * could be paged for an urgent alert) or {@code CALL_NUMBER} (a crisis text from a number
 * no patient has)
 * @param detail what happened
 * @param createdAt when
 * @param status {@code OPEN} or {@code DONE}
 * @param doneBy who closed it
 * @param urgent whether it must be done now (listed first)
 * @param clinicId the clinic it belongs to (ADR 12)
 */
public record StaffTask(UUID id, UUID patientId, String kind, String detail, Instant createdAt, String status,
		String doneBy, boolean urgent, String clinicId) {
}
