package org.ketaclinic.scheduling.plan;

import java.time.Instant;
import java.util.UUID;

/**
 * A patient's treatment plan: an induction series (or a booster) of one protocol.
 *
 * @param id the plan
 * @param patientId the patient
 * @param assessmentId the approved screening assessment it comes from
 * @param protocol {@code IV_KETAMINE} or {@code ESKETAMINE}
 * @param kind {@code INDUCTION} or {@code BOOSTER}
 * @param sessionsPlanned how many sessions it holds
 * @param status {@code ACTIVE}, {@code COMPLETED} or {@code CANCELLED}
 * @param createdAt when it was made
 * @param approvalId the approval (assessment) it stands on: its own for an induction, the
 * induction's for a booster; withdrawing or superseding it stops the plan
 * @param approvedAt when that approval was given
 * @param clinicId the patient's clinic, from the screening event that made the plan (ADR
 * 12); everything under the plan belongs to it
 */
public record TreatmentPlan(UUID id, UUID patientId, UUID assessmentId, String protocol, String kind,
		int sessionsPlanned, String status, Instant createdAt, UUID approvalId, Instant approvedAt, String clinicId) {

}
