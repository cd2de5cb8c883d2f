package org.ketaclinic.events;

import java.util.UUID;

/**
 * A screening assessment, as screening made it. On the wire a plain UUID string.
 *
 * @param value the UUID
 */
public record AssessmentId(UUID value) implements Identifier {

	public AssessmentId {
		Identifier.required(value, AssessmentId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
