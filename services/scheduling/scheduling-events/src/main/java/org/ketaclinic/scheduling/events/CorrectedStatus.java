package org.ketaclinic.scheduling.events;

/**
 * What a status correction may set: every status but completed, which only a recorded
 * session reaches (past the blood-pressure gate).
 */
public enum CorrectedStatus {

	/** Booked into a chair. */
	BOOKED,

	/** Arrived and checked in. */
	CHECKED_IN,

	/** Being given. */
	IN_PROGRESS,

	/** Cancelled. */
	CANCELLED,

	/** Not attended. */
	MISSED

}
