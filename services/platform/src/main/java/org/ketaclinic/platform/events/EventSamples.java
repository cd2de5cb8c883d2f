package org.ketaclinic.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
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
		problems.addAll(enumProblems(type));
		if (!EventSchemas.schemaResource(type.name()).equals("schemas/" + type.fileName())) {
			problems.add("the schema of " + type.name() + " is not schemas/" + type.fileName());
		}
		return problems;
	}

	/**
	 * A record component that is a Java enum (or a list of one) has exactly the values
	 * its schema allows: a value the schema lists and the enum lacks would fail every
	 * consumer at decoding, one the enum has and the schema lacks could never be
	 * published.
	 */
	private static List<String> enumProblems(EventType type) {
		List<String> problems = new ArrayList<>();
		JsonNode properties = schema(type.name()).get("properties");
		for (RecordComponent component : type.record().getRecordComponents()) {
			Class<?> enumType = component.getType().isEnum() ? component.getType() : listElement(component);
			if (enumType == null || !enumType.isEnum()) {
				continue;
			}
			JsonNode property = (properties != null) ? properties.get(component.getName()) : null;
			JsonNode allowed = (property == null) ? null : property.has("enum") ? property.get("enum")
					: (property.has("items") ? property.get("items").get("enum") : null);
			List<String> schemaValues = new ArrayList<>();
			if (allowed != null) {
				// a null in the list makes the field optional, no value of the enum
				allowed.forEach((value) -> {
					if (!value.isNull()) {
						schemaValues.add(value.asString());
					}
				});
			}
			List<String> javaValues = java.util.Arrays.stream(enumType.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name())
				.toList();
			if (!new java.util.HashSet<>(schemaValues).equals(new java.util.HashSet<>(javaValues))) {
				problems.add(type.record().getSimpleName() + "." + component.getName() + " is " + javaValues
						+ " in Java but " + schemaValues + " in its schema");
			}
		}
		return problems;
	}

	private static Class<?> listElement(RecordComponent component) {
		if (component.getType() == List.class && component.getGenericType() instanceof ParameterizedType parameterized
				&& parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
			return element;
		}
		return null;
	}

	private static JsonNode schema(String type) {
		try (InputStream in = EventSamples.class.getClassLoader()
			.getResourceAsStream(EventSchemas.schemaResource(type))) {
			if (in == null) {
				throw new IllegalArgumentException("no schema for " + type);
			}
			return EventJson.mapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int sameValue(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue());
		}
		return a.equals(b) ? 0 : 1;
	}

}
