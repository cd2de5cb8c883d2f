package org.ketaclinic.scheduling.events;

/** The Kafka topic of the scheduling service's events, keyed by patient id. */
public final class Topics {

	/** Every event the scheduling service publishes. */
	public static final String SCHEDULING = "ketaclinic.scheduling.events";

	private Topics() {
	}

}
