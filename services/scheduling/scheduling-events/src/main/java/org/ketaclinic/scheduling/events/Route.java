package org.ketaclinic.scheduling.events;

/** How a dose was given. */
public enum Route {

	/** Intravenous infusion. */
	IV,

	/** Nasal spray. */
	INTRANASAL

}
