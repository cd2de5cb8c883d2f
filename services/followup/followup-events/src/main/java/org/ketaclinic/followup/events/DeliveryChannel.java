package org.ketaclinic.followup.events;

/** A channel a message was tried on. */
public enum DeliveryChannel {

	/** Text message. */
	SMS,

	/** Email. */
	EMAIL

}
