package org.ketaclinic.screening.criteria;

/**
 * How a clinic treats a condition whose exclusion is a convention rather than a label
 * contraindication.
 */
public enum Policy {

	/** A hard exclusion (the criteria's default). */
	EXCLUDE,
	/** Clinician review instead of exclusion. */
	REVIEW;

	Category category() {
		return (this == EXCLUDE) ? Category.HARD_EXCLUSION : Category.NEEDS_CLINICIAN_REVIEW;
	}

}
