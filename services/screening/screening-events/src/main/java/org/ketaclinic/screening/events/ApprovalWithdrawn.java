package org.ketaclinic.screening.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An approval no longer stands because its intake was withdrawn; plans made from it stop.
 *
 * @param patientId the patient
 * @param assessmentId the approved assessment
 * @param submissionId the withdrawn intake submission
 * @param withdrawnAt when
 */
public record ApprovalWithdrawn(UUID patientId, UUID assessmentId, UUID submissionId, Instant withdrawnAt) {

}
