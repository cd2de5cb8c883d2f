package org.ketaclinic.followup.events;

/** The Kafka topic of the followup service's events, keyed by patient id. */
public final class Topics {

	/** Every event the followup service publishes. */
	public static final String FOLLOWUP = "ketaclinic.followup.events";

	private Topics() {
	}

}
