package org.ketaclinic.intake.duplicate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new patient who may be a patient the clinic already knows.
 *
 * @param flagId the flag
 * @param submissionId the submission that registered the new patient
 * @param patientId the new patient
 * @param matchedPatientId the existing patient they may be
 * @param reasons what matched: {@code NAME_AND_DATE_OF_BIRTH}, {@code PHONE},
 * {@code EMAIL}
 * @param status {@code OPEN}, {@code SAME_PATIENT} or {@code DIFFERENT_PATIENT}
 * @param createdAt when it was raised
 * @param resolvedBy who decided
 * @param resolvedAt when
 * @param clinicId the new patient's clinic (the flag's)
 * @param matchedClinicId the existing patient's clinic
 */
public record DuplicateFlag(UUID flagId, UUID submissionId, UUID patientId, UUID matchedPatientId, List<String> reasons,
		Status status, Instant createdAt, String resolvedBy, Instant resolvedAt, String clinicId,
		String matchedClinicId) {

	/** Where a flag stands. */
	public enum Status {

		OPEN, SAME_PATIENT, DIFFERENT_PATIENT

	}

}
