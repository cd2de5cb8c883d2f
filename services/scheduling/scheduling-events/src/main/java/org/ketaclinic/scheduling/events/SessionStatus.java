package org.ketaclinic.scheduling.events;

/** Where a session stands. */
public enum SessionStatus {

	/** Booked into a chair. */
	BOOKED,

	/** Arrived and checked in. */
	CHECKED_IN,

	/** Being given. */
	IN_PROGRESS,

	/** Given and recorded. */
	COMPLETED,

	/** Cancelled. */
	CANCELLED,

	/** Not attended. */
	MISSED

}
