package org.ketaclinic.scheduling.events;

/** What a treatment plan is for. */
public enum PlanKind {

	/** The induction series after an approval. */
	INDUCTION,

	/** A booster after the series, on a clinician's decision. */
	BOOSTER

}
