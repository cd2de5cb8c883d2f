package org.ketaclinic.screening.events;

/** The treatment protocols a clinician can approve. */
public enum Protocol {

	/** Off-label IV racemic ketamine. */
	IV_KETAMINE,
	/** Intranasal esketamine (Spravato). */
	ESKETAMINE

}
