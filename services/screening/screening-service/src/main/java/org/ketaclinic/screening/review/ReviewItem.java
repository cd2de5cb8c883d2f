package org.ketaclinic.screening.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A review a clinician owes a patient outside an intake assessment, e.g. because
 * follow-up detected a risk of relapse.
 *
 * @param id the item
 * @param patientId the patient
 * @param kind why it exists ({@code RELAPSE_RISK})
 * @param reasons the detected reasons, e.g. {@code LOSS_OF_RESPONSE}
 * @param assignedTo the patient's clinician (who signed their last decision), if known
 * @param status open or closed
 * @param createdAt when it was opened
 * @param dueAt by when
 * @param closedBy who closed it
 * @param closedAt when
 * @param clinicId the patient's clinic (ADR 12)
 */
public record ReviewItem(UUID id, UUID patientId, String kind, List<String> reasons, String assignedTo, String status,
		Instant createdAt, Instant dueAt, String closedBy, Instant closedAt, String clinicId) {

}
