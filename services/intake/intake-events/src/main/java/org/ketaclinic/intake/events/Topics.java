package org.ketaclinic.intake.events;

/** The Kafka topic of the intake service's events, keyed by patient id. */
public final class Topics {

	/** Every event the intake service publishes. */
	public static final String INTAKE = "ketaclinic.intake.events";

	private Topics() {
	}

}
