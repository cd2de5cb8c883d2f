package org.ketaclinic.followup.events;

/** What raised an urgent alert. */
public enum AlertSource {

	/** An urgent screening finding. */
	SCREENING,

	/** A check-in's safety answers. */
	CHECK_IN,

	/** A positive pre-dose safety check. */
	PRE_DOSE,

	/** A patient's text reply. */
	SMS_REPLY

}
