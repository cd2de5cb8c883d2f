package org.ketaclinic.events;

import java.util.UUID;

/**
 * A staff task, as follow-up opened it. On the wire a plain UUID string.
 *
 * @param value the UUID
 */
public record TaskId(UUID value) implements Identifier {

	public TaskId {
		Identifier.required(value, TaskId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
