package org.ketaclinic.screening.events;

/** The Kafka topic of the screening service's events, keyed by patient id. */
public final class Topics {

	/** Every event the screening service publishes. */
	public static final String SCREENING = "ketaclinic.screening.events";

	private Topics() {
	}

}
