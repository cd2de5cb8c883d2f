package org.ketaclinic.screening.events;

/**
 * The overall outcome of an assessment (clinical-criteria.md §3), most severe first.
 * Every outcome needs a clinician's sign-off.
 */
public enum Outcome {

	URGENT_SAME_DAY_REVIEW, NOT_SUITABLE_PENDING_CLINICIAN_CONFIRMATION, NEEDS_CLINICIAN_REVIEW,
	ELIGIBLE_PENDING_CLINICIAN_SIGNOFF;

	/** Higher is more severe. */
	public int severity() {
		return values().length - ordinal();
	}

}
