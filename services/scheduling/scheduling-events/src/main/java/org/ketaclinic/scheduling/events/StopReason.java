package org.ketaclinic.scheduling.events;

/** Why a treatment plan stopped. */
public enum StopReason {

	/** The intake behind the approval was withdrawn. */
	APPROVAL_WITHDRAWN,

	/** An amended intake is being assessed again. */
	APPROVAL_SUPERSEDED,

	/** An urgent finding holds every dose. */
	URGENT_FINDING,

	/** A clinician cancelled the plan. */
	PLAN_CANCELLED,

	/** The clinician review window passed. */
	REVIEW_EXPIRED

}
