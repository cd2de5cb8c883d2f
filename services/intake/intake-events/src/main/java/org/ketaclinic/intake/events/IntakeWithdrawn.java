package org.ketaclinic.intake.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A submission was withdrawn; its open screening work stops. The reason stays in the
 * intake service.
 *
 * @param patientId the patient
 * @param submissionId the submission
 * @param withdrawnAt when
 */
public record IntakeWithdrawn(UUID patientId, UUID submissionId, Instant withdrawnAt) {

}
