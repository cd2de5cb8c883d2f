package org.ketaclinic.events;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The types one topic carries, under the sealed interface they implement: what a consumer
 * of the topic decodes a received event into.
 *
 * @param <E> the sealed interface
 * @param root that interface
 * @param types the registered types on the topic
 */
public record EventFamily<E extends PublishedEvent>(Class<E> root, List<EventType> types) {

	public EventFamily {
		Objects.requireNonNull(root, "root");
		types = List.copyOf(types);
		for (EventType type : types) {
			if (!root.isAssignableFrom(type.record())) {
				throw new IllegalArgumentException(type.name() + " is not a " + root.getSimpleName());
			}
		}
		if (root.isSealed() && !Set.of(root.getPermittedSubclasses())
			.equals(types.stream().map(EventType::record).collect(Collectors.toSet()))) {
			throw new IllegalArgumentException(
					root.getSimpleName() + " permits other records than the types registered for it: " + types);
		}
	}

	/** The type of this name on the topic; null for a type the family does not know. */
	public EventType typeNamed(String name) {
		return EventType.named(name, this.types);
	}

}
