package org.ketaclinic.followup.events;

/**
 * The course of the PHQ-9 at a check-in against the patient's baseline, as the follow-up
 * definitions of clinical-criteria.md set it.
 */
public enum CheckInStatus {

	/** In remission. */
	REMISSION,

	/** A response. */
	RESPONSE,

	/** A partial response. */
	PARTIAL_RESPONSE,

	/** No response. */
	NO_RESPONSE,

	/** Not known: no baseline or no total. */
	UNKNOWN

}
