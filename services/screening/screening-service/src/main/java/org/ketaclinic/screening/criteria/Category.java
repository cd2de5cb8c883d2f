package org.ketaclinic.screening.criteria;

/** The categories of rules, as in clinical-criteria.md §2. */
public enum Category {

	/** Outcome NOT_SUITABLE, pending clinician confirmation. */
	HARD_EXCLUSION,
	/** Possible imminent risk: same-day clinician review. */
	URGENT_ESCALATION,
	/** A clinician must look at this. */
	NEEDS_CLINICIAN_REVIEW,
	/** Supports eligibility or adds context; never blocks. */
	SUPPORTS_ELIGIBILITY

}
