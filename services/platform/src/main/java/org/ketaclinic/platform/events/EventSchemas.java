package org.ketaclinic.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of event types, found on the class path by the convention of the
 * {@code *-events} modules: type {@code org.ketaclinic.intake.IntakeSubmitted.v1} has its
 * schema at {@code schemas/IntakeSubmitted.v1.json}.
 */
public class EventSchemas {

	private static final String TYPE_PREFIX = "org.ketaclinic.";

	/**
	 * Formats (uuid, date-time, ...) are asserted, not just annotations: a malformed id
	 * is invalid data.
	 */
	private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private final ClassLoader classLoader;

	private final Map<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();

	public EventSchemas() {
		this(EventSchemas.class.getClassLoader());
	}

	public EventSchemas(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Class path location of the schema of an event type, e.g.
	 * {@code schemas/IntakeSubmitted.v1.json}.
	 */
	public static String schemaResource(String type) {
		String name = type.startsWith(TYPE_PREFIX) ? type.substring(type.indexOf('.', TYPE_PREFIX.length()) + 1) : type;
		return "schemas/" + name + ".json";
	}

	/** The {@code ce_dataschema} URI of an event type. */
	public static String schemaUri(String type) {
		return "urn:ketaclinic:schema:" + type;
	}

	/** Whether a schema is known for this event type. */
	public boolean hasSchema(String type) {
		return schema(type).isPresent();
	}

	/**
	 * Checks event data against its type's schema.
	 * @return the violations, each a JSON path and what is wrong (never the value); empty
	 * when the data is valid or no schema is known for the type
	 */
	public List<String> violations(String type, JsonNode data) {
		return schema(type)
			.map((schema) -> schema.validate(data)
				.stream()
				.map((error) -> error.getInstanceLocation()
						+ ((error.getProperty() != null) ? "." + error.getProperty() : "") + ": " + error.getKeyword())
				.toList())
			.orElse(List.of());
	}

	/** Throws {@link MalformedEventException} when the data breaks its type's schema. */
	public void check(String type, JsonNode data) {
		List<String> violations = violations(type, data);
		if (!violations.isEmpty()) {
			throw new MalformedEventException("data of " + type + " breaks its schema at " + violations);
		}
	}

	private Optional<Schema> schema(String type) {
		return this.schemas.computeIfAbsent(type, this::load);
	}

	private Optional<Schema> load(String type) {
		try (InputStream in = this.classLoader.getResourceAsStream(schemaResource(type))) {
			if (in == null) {
				return Optional.empty();
			}
			return Optional.of(this.registry.getSchema(EventJson.mapper().readTree(in)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the schema of " + type, ex);
		}
	}

}
