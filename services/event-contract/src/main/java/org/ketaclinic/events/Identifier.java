package org.ketaclinic.events;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * An event's reference to one thing of the platform (a patient, a plan, a session, ...),
 * typed so that a session's id cannot be passed where a plan's is meant. On the wire it
 * is the plain UUID string it always was: the platform's event mapping writes and reads
 * {@link #value()} (ADR 17).
 * <p>
 * The ids are the events' shared vocabulary, so they live here, in the contract, and
 * every events module uses them: screening's assessment names intake's submission,
 * scheduling's plan names screening's assessment.
 */
public interface Identifier {

	/** The UUID the owning service gave it. */
	UUID value();

	/**
	 * The typed id of a UUID that may be absent (an optional field of an event).
	 * @param <I> the id's type
	 * @param value the UUID, or null
	 * @param type the id's constructor, as in {@code SessionId::new}
	 * @return the id, or null when the value is null
	 */
	static <I extends Identifier> I ofNullable(UUID value, Function<UUID, I> type) {
		return (value != null) ? type.apply(value) : null;
	}

	/** The check every id's constructor makes: an id always has a value. */
	static UUID required(UUID value, Class<? extends Identifier> type) {
		return Objects.requireNonNull(value, () -> type.getSimpleName() + " needs a value");
	}

}
