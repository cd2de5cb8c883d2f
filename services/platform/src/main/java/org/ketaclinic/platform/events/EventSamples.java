package org.ketaclinic.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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

	private static int sameValue(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue());
		}
		return a.equals(b) ? 0 : 1;
	}

}
