package org.ketaclinic.events;

import java.util.UUID;

/**
 * An intake submission (a referral), as intake stored it. On the wire a plain UUID
 * string.
 *
 * @param value the UUID
 */
public record SubmissionId(UUID value) implements Identifier {

	public SubmissionId {
		Identifier.required(value, SubmissionId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
