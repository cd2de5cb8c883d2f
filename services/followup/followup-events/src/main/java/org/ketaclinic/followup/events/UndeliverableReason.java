package org.ketaclinic.followup.events;

/** Why messages could not be delivered. */
public enum UndeliverableReason {

	/** No channel the patient allows has an address. */
	NO_USABLE_CHANNEL,

	/** The provider refused the message for good. */
	PROVIDER_REJECTED,

	/** Every attempt on every allowed channel failed. */
	RETRIES_EXHAUSTED

}
