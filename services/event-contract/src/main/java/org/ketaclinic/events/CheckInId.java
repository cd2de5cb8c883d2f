package org.ketaclinic.events;

import java.util.UUID;

/**
 * A follow-up check-in (a questionnaire sent to the patient), as follow-up made it. On
 * the wire a plain UUID string.
 *
 * @param value the UUID
 */
public record CheckInId(UUID value) implements Identifier {

	public CheckInId {
		Identifier.required(value, CheckInId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
