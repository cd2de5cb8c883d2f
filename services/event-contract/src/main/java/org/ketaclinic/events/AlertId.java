package org.ketaclinic.events;

import java.util.UUID;

/**
 * An urgent alert for the clinic, as follow-up raised it. On the wire a plain UUID
 * string.
 *
 * @param value the UUID
 */
public record AlertId(UUID value) implements Identifier {

	public AlertId {
		Identifier.required(value, AlertId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
