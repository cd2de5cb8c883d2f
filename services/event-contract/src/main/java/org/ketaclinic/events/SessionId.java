package org.ketaclinic.events;

import java.util.UUID;

/**
 * A treatment session of a plan, as scheduling booked it. On the wire a plain UUID
 * string.
 *
 * @param value the UUID
 */
public record SessionId(UUID value) implements Identifier {

	public SessionId {
		Identifier.required(value, SessionId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
