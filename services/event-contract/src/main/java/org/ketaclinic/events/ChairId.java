package org.ketaclinic.events;

import java.util.UUID;

/**
 * A treatment chair at a location, as scheduling keeps it. On the wire a plain UUID
 * string.
 *
 * @param value the UUID
 */
public record ChairId(UUID value) implements Identifier {

	public ChairId {
		Identifier.required(value, ChairId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
