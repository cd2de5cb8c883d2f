package org.ketaclinic.platform.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ketaclinic.platform.events.IncomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events a consumer acknowledged and ignored because their aggregate's stored version is
 * as new or newer (issue 19: a replayed old event never undoes a newer one): logged at
 * debug by type and event id only (no patient data) and counted in
 * {@code ketaclinic.events.stale}, tagged by type.
 */
public class StaleEvents {

	/** The counter's name. */
	public static final String METRIC = "ketaclinic.events.stale";

	private static final Logger log = LoggerFactory.getLogger(StaleEvents.class);

	private final MeterRegistry meters;

	public StaleEvents(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Notes an event that was not applied because it was stale.
	 * @param event the event
	 * @param version the version it carried
	 */
	public void ignored(IncomingEvent event, Long version) {
		log.debug("Ignored stale event {} of type {} (version {})", event.id(), event.type(), version);
		Counter.builder(METRIC)
			.description("Events ignored because their aggregate's stored version is as new or newer")
			.tag("type", event.type())
			.register(this.meters)
			.increment();
	}

}
