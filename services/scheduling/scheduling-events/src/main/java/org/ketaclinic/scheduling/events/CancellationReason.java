package org.ketaclinic.scheduling.events;

/** Why a session was cancelled. */
public enum CancellationReason {

	/** The patient asked. */
	PATIENT_REQUEST,

	/** The clinic asked. */
	CLINIC_REQUEST,

	/** The approval behind the plan was withdrawn. */
	APPROVAL_WITHDRAWN,

	/** Another reason, given in words to staff only. */
	OTHER,

	/** Its plan stopped. */
	PLAN_STOPPED

}
