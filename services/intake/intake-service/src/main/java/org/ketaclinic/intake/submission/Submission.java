package org.ketaclinic.intake.submission;

import java.time.Instant;
import java.util.UUID;

/**
 * An intake submission at its current version.
 *
 * @param id the submission id
 * @param patientId the patient
 * @param status draft, submitted or withdrawn
 * @param version the current version of the clinical section
 * @param clinical the current clinical section
 * @param createdAt when it was taken in
 * @param createdBy who took it in
 * @param submittedAt when it went to screening, if it has
 * @param withdrawnAt when it was withdrawn, if it was
 * @param withdrawnBy who withdrew it
 * @param withdrawalReason why (stays in this service)
 * @param clinicId the patient's clinic (ADR 12)
 */
public record Submission(UUID id, UUID patientId, Status status, int version, ClinicalAnswers clinical,
		Instant createdAt, String createdBy, Instant submittedAt, Instant withdrawnAt, String withdrawnBy,
		String withdrawalReason, String clinicId) {

	/** Where a submission stands. */
	public enum Status {

		/** Kept for later; not screened until submitted. */
		DRAFT,
		/** Sent to screening. */
		SUBMITTED,
		/** Withdrawn; no further screening. */
		WITHDRAWN

	}

	/**
	 * One version of the clinical section.
	 *
	 * @param version the version number, from 1
	 * @param clinical the section as recorded
	 * @param recordedAt when
	 * @param recordedBy who
	 * @param reason why it was amended (none for the first version)
	 */
	public record Version(int version, ClinicalAnswers clinical, Instant recordedAt, String recordedBy, String reason) {
	}

}
