package org.ketaclinic.events;

import java.util.UUID;

/**
 * A booster proposal, as scheduling made it. On the wire a plain UUID string.
 *
 * @param value the UUID
 */
public record ProposalId(UUID value) implements Identifier {

	public ProposalId {
		Identifier.required(value, ProposalId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
