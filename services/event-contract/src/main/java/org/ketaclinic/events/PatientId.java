package org.ketaclinic.events;

import java.util.UUID;

/**
 * A patient, as intake registered them. On the wire a plain UUID string.
 *
 * @param value the UUID
 */
public record PatientId(UUID value) implements Identifier {

	public PatientId {
		Identifier.required(value, PatientId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
