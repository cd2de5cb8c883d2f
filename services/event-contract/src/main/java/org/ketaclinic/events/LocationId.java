package org.ketaclinic.events;

import java.util.UUID;

/**
 * A clinic location with its chairs, as scheduling keeps it. On the wire a plain UUID
 * string.
 *
 * @param value the UUID
 */
public record LocationId(UUID value) implements Identifier {

	public LocationId {
		Identifier.required(value, LocationId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
