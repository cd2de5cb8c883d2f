package org.ketaclinic.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PublishedEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The golden samples a {@code *-events} module ships beside its schemas
 * ({@code samples/<Event>.v1.json}): what its consumers test against. Checks that a
 * sample, its schema and its record agree.
 */
public final class EventSamples {

	private EventSamples() {
	}

	/** The golden sample of an event type. */
	public static JsonNode sample(String type) {
		String resource = EventSchemas.schemaResource(type).replaceFirst("^schemas/", "samples/");
		try (InputStream in = EventSamples.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no golden sample at " + resource);
			}
			return EventJson.mapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What is wrong between a type's sample, schema and record: schema violations, a
	 * sample that does not map onto the record, or a record that does not map back to the
	 * same JSON (numbers compared by value).
	 * @return the problems, empty when they agree
	 */
	public static List<String> contractProblems(String type, Class<?> record) {
		List<String> problems = new ArrayList<>();
		EventSchemas schemas = new EventSchemas();
		if (!schemas.hasSchema(type)) {
			problems.add("no schema for " + type);
		}
		JsonNode sample = sample(type);
		problems.addAll(schemas.violations(type, sample));
		try {
			JsonNode roundTrip = EventJson.mapper().valueToTree(EventJson.mapper().treeToValue(sample, record));
			if (!roundTrip.equals(EventSamples::sameValue, sample)) {
				problems.add("the sample does not survive mapping onto " + record.getSimpleName() + " and back: "
						+ roundTrip);
			}
		}
		catch (JacksonException ex) {
			problems.add("the sample does not map onto " + record.getSimpleName() + ": " + ex.getOriginalMessage());
		}
		return problems;
	}

	/**
	 * What is wrong between a registered type and its sample, schema and record: as
	 * {@link #contractProblems(String, Class)}, and the sample's record must name this
	 * type and have a patient (its key) and a subject.
	 * @return the problems, empty when they agree
	 */
	public static List<String> contractProblems(EventType type) {
		List<String> problems = contractProblems(type.name(), type.record());
		if (!problems.isEmpty()) {
			return problems;
		}
		PublishedEvent event = EventJson.mapper().treeToValue(sample(type.name()), type.record());
		if (!type.equals(event.type())) {
			problems.add(type.record().getSimpleName() + " says it is " + event.type().name() + ", not " + type.name());
		}
		if (event.patientId() == null) {
			problems.add("the sample has no patient to key it by");
		}
		if (event.subject() == null || event.subject().isBlank()) {
			problems.add("the sample has no subject");
		}
		if (!EventSchemas.schemaResource(type.name()).equals("schemas/" + type.fileName())) {
			problems.add("the schema of " + type.name() + " is not schemas/" + type.fileName());
		}
		return problems;
	}

	private static int sameValue(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue());
		}
		return a.equals(b) ? 0 : 1;
	}

}
