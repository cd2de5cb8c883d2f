package org.ketaclinic.events;

import java.util.UUID;

/**
 * A message to the patient, as follow-up queued it. On the wire a plain UUID string.
 *
 * @param value the UUID
 */
public record MessageId(UUID value) implements Identifier {

	public MessageId {
		Identifier.required(value, MessageId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
