package org.ketaclinic.followup.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * Something for the front desk to do.
 *
 * @param id the task
 * @param patientId the patient, if known
 * @param kind {@code REACH_PATIENT} (no channel worked) or {@code READ_REPLY} (a
 * patient's text)
 * @param detail what happened
 * @param createdAt when
 * @param status {@code OPEN} or {@code DONE}
 * @param doneBy who closed it
 */
public record StaffTask(UUID id, UUID patientId, String kind, String detail, Instant createdAt, String status,
		String doneBy) {
}
