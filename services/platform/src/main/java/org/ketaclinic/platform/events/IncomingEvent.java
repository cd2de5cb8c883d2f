package org.ketaclinic.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.ketaclinic.events.EventFamily;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PublishedEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CloudEvent read from a Kafka record in binary mode.
 *
 * @param id {@code ce_id}
 * @param source {@code ce_source}
 * @param type {@code ce_type}, e.g. {@code org.ketaclinic.intake.IntakeSubmitted.v1}
 * @param subject {@code ce_subject}, may be null
 * @param time {@code ce_time}, may be null
 * @param key the Kafka record key (the patient id)
 * @param trace the trace context the event carries (a new root when it carries none)
 * @param data the JSON payload
 */
public record IncomingEvent(String id, String source, String type, String subject, Instant time, String key,
		TraceContext trace, JsonNode data) {

	/**
	 * Reads the envelope of a record.
	 * @throws MalformedEventException when a required attribute is missing or the body is
	 * not JSON
	 */
	public static IncomingEvent from(ConsumerRecord<String, byte[]> record) {
		JsonMapper mapper = EventJson.mapper();
		Headers headers = record.headers();
		String specVersion = header(headers, CloudEventHeaders.SPEC_VERSION);
		if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
			throw new MalformedEventException("not a CloudEvents 1.0 message: header " + CloudEventHeaders.SPEC_VERSION
					+ " is " + (specVersion == null ? "missing" : "not 1.0"));
		}
		String id = required(headers, CloudEventHeaders.ID);
		String source = required(headers, CloudEventHeaders.SOURCE);
		String type = required(headers, CloudEventHeaders.TYPE);
		Instant time = null;
		String timeHeader = header(headers, CloudEventHeaders.TIME);
		if (timeHeader != null) {
			try {
				time = Instant.parse(timeHeader);
			}
			catch (DateTimeParseException ex) {
				throw new MalformedEventException("header " + CloudEventHeaders.TIME + " is not an RFC 3339 time");
			}
		}
		if (record.value() == null || record.value().length == 0) {
			throw new MalformedEventException("event " + id + " of type " + type + " has no data");
		}
		JsonNode data;
		try {
			data = mapper.readTree(record.value());
		}
		catch (JacksonException ex) {
			throw new MalformedEventException("data of event " + id + " of type " + type + " is not JSON");
		}
		if (data == null || !data.isObject()) {
			throw new MalformedEventException("data of event " + id + " of type " + type + " is not a JSON object");
		}
		TraceContext trace = TraceContext.fromHeaders(header(headers, CloudEventHeaders.TRACEPARENT),
				header(headers, CloudEventHeaders.CORRELATION_ID));
		return new IncomingEvent(id, source, type, header(headers, CloudEventHeaders.SUBJECT), time, record.key(),
				trace, data);
	}

	/**
	 * The data as the given event record.
	 * @throws MalformedEventException when the data does not map onto the record (names
	 * the path only)
	 */
	public <T> T data(Class<T> eventClass) {
		try {
			return EventJson.mapper().treeToValue(this.data, eventClass);
		}
		catch (DatabindException ex) {
			throw new MalformedEventException("data of event " + this.id + " does not map onto "
					+ eventClass.getSimpleName() + " at " + ex.getPathReference());
		}
		catch (JacksonException ex) {
			throw new MalformedEventException(
					"data of event " + this.id + " does not map onto " + eventClass.getSimpleName());
		}
	}

	/**
	 * The event as its record in the topic's family, for the consumer's {@code Handler};
	 * empty for a type the family does not know (a newer producer's, or one this build
	 * never heard of), which the consumer acknowledges and leaves alone.
	 * @throws MalformedEventException when the data does not map onto its record
	 */
	public <E extends PublishedEvent> Optional<E> as(EventFamily<E> family) {
		EventType known = family.typeNamed(this.type);
		return (known != null) ? Optional.of(family.root().cast(data(known.record()))) : Optional.empty();
	}

	private static String required(Headers headers, String name) {
		String value = header(headers, name);
		if (value == null || value.isBlank()) {
			throw new MalformedEventException("required header " + name + " is missing");
		}
		return value;
	}

	static String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header == null || header.value() == null) ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

}
