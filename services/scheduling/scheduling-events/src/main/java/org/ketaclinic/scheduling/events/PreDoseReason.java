package org.ketaclinic.scheduling.events;

/** A positive answer of the pre-dose safety check. */
public enum PreDoseReason {

	/** PHQ-9 item 9 above zero. */
	PHQ9_ITEM9,

	/** C-SSRS: wish to be dead. */
	CSSRS_WISH_DEAD,

	/** C-SSRS: active suicidal thoughts. */
	CSSRS_ACTIVE_THOUGHTS,

	/** C-SSRS: thoughts with a method. */
	CSSRS_METHOD,

	/** C-SSRS: intent. */
	CSSRS_INTENT,

	/** C-SSRS: a plan with intent. */
	CSSRS_PLAN,

	/** C-SSRS: recent suicidal behaviour. */
	CSSRS_BEHAVIOUR,

	/** Blood pressure at or above the gate. */
	SEVERE_BLOOD_PRESSURE

}
