package org.ketaclinic.intake.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An intake was submitted for screening (complete or not: missing answers are screening
 * findings).
 *
 * @param patientId the patient
 * @param submissionId the submission
 * @param version the version of its clinical section (1 when first submitted)
 * @param submittedAt when it was submitted
 * @param clinical the complete clinical section
 */
public record IntakeSubmitted(UUID patientId, UUID submissionId, int version, Instant submittedAt,
		ClinicalSection clinical) {

}
