package org.ketaclinic.scheduling.events;

/** A side effect recorded at a session. */
public enum SideEffect {

	/** Dissociation. */
	DISSOCIATION,

	/** Sedation. */
	SEDATION,

	/** Nausea. */
	NAUSEA,

	/** Vomiting. */
	VOMITING,

	/** Dizziness. */
	DIZZINESS,

	/** Headache. */
	HEADACHE,

	/** Blood pressure rise. */
	BLOOD_PRESSURE_RISE,

	/** Anxiety. */
	ANXIETY,

	/** Other. */
	OTHER

}
