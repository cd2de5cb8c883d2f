package org.ketaclinic.followup.policy;

/** A place on the on-call roster. */
public enum OnCallRole {

	/** Paged first, at once. */
	PRIMARY,
	/** Paged when the primary has not acknowledged in time. */
	BACKUP,
	/** Paged when neither has. */
	CLINICIAN

}
