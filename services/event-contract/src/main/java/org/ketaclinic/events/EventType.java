package org.ketaclinic.events;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One registered event type: its stable CloudEvents type name, the topics it is published
 * to, in order, and the record that carries it. A breaking change is a new type
 * ({@code .v2}) registered beside the old one, never an edit of a name.
 *
 * @param name the CloudEvents type, {@code org.ketaclinic.<service>.<Event>.v<N>}
 * @param topics the Kafka topics it goes to (most types one, a few two)
 * @param record the event record
 */
public record EventType(String name, List<String> topics, Class<? extends PublishedEvent> record) {

	private static final Pattern NAME = Pattern
		.compile("org\\.ketaclinic\\.[a-z]+\\.([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]*)");

	public EventType {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(record, "record");
		Matcher parts = NAME.matcher(name);
		if (!parts.matches()) {
			throw new IllegalArgumentException(
					"an event type is named org.ketaclinic.<service>.<Event>.v<N>, not " + name);
		}
		if (!parts.group(1).equals(record.getSimpleName())) {
			throw new IllegalArgumentException(name + " is carried by a record of its name, not " + record.getName());
		}
		topics = List.copyOf(topics);
		if (topics.isEmpty()) {
			throw new IllegalArgumentException(name + " needs a topic");
		}
	}

	/** A type published to the given topics. */
	public static EventType of(String name, Class<? extends PublishedEvent> record, String... topics) {
		return new EventType(name, List.of(topics), record);
	}

	/** Its version, the number after {@code .v}. */
	public int version() {
		return Integer.parseInt(this.name.substring(this.name.lastIndexOf(".v") + 2));
	}

	/**
	 * The name of its JSON Schema and golden sample files, as in
	 * {@code SessionBooked.v1.json}.
	 */
	public String fileName() {
		return this.record.getSimpleName() + ".v" + version() + ".json";
	}

	/**
	 * The type of this name among the given ones, for a consumer that received it; null
	 * for a type the consumer does not know (a newer producer's, which it acknowledges
	 * and leaves alone).
	 */
	public static EventType named(String name, List<EventType> known) {
		for (EventType type : known) {
			if (type.name.equals(name)) {
				return type;
			}
		}
		return null;
	}

}
