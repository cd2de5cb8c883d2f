package org.ketaclinic.platform.outbox;

import java.util.Objects;

/**
 * An event to publish.
 *
 * @param topic the Kafka topic, e.g. {@code ketaclinic.intake.events}
 * @param key the record key; the patient id, so every event about one patient stays in
 * order
 * @param type the stable versioned type, e.g.
 * {@code org.ketaclinic.intake.IntakeSubmitted.v1}
 * @param subject what the event is about within the source (e.g. a submission id), may be
 * null
 * @param data the payload, an event record serialised as JSON; ids, codes, scores and
 * times only
 */
public record OutgoingEvent(String topic, String key, String type, String subject, Object data) {

	public OutgoingEvent {
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(data, "data");
	}

}
