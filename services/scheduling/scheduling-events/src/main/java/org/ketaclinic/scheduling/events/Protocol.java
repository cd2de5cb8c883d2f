package org.ketaclinic.scheduling.events;

/** A treatment protocol (clinical-criteria.md §4). */
public enum Protocol {

	/** Intravenous racemic ketamine. */
	IV_KETAMINE,

	/** Intranasal esketamine, under its REMS. */
	ESKETAMINE

}
