package org.ketaclinic.intake.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A clinician amended the clinical section of a submitted intake; it supersedes the
 * earlier versions.
 *
 * @param patientId the patient
 * @param submissionId the submission
 * @param version the new version
 * @param amendedAt when
 * @param clinical the complete amended clinical section
 */
public record IntakeAmended(UUID patientId, UUID submissionId, int version, Instant amendedAt,
		ClinicalSection clinical) {

}
