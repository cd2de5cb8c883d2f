package org.ketaclinic.platform.outbox;

import java.util.ArrayList;
import java.util.List;

import org.ketaclinic.events.PublishedEvent;

/**
 * Records events in the caller's database transaction; they are published after it
 * commits, and never if it rolls back.
 */
public interface Outbox {

	/**
	 * Records an event in the current transaction.
	 * @return the event id ({@code ce_id})
	 * @throws IllegalStateException when no transaction is active
	 * @throws IllegalArgumentException when the data breaks its type's JSON Schema
	 */
	String record(OutgoingEvent event);

	/**
	 * Records a published event in the current transaction, on each of its type's topics,
	 * keyed by its patient, with its type and subject.
	 * @return the event ids ({@code ce_id}), one a topic
	 * @throws IllegalStateException when no transaction is active
	 * @throws IllegalArgumentException when the data breaks its type's JSON Schema
	 */
	default List<String> publish(PublishedEvent event) {
		return publish(event, event.subject());
	}

	/**
	 * Records a published event with a subject of the caller's: for the few events whose
	 * subject (a delivery, say) is not in their data.
	 * @see #publish(PublishedEvent)
	 */
	default List<String> publish(PublishedEvent event, String subject) {
		List<String> ids = new ArrayList<>();
		for (String topic : event.type().topics()) {
			ids.add(record(
					new OutgoingEvent(topic, event.patientId().toString(), event.type().name(), subject, event)));
		}
		return List.copyOf(ids);
	}

}
