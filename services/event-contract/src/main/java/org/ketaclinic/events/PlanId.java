package org.ketaclinic.events;

import java.util.UUID;

/**
 * A treatment plan (an infusion series or a booster), as scheduling made it. On the wire
 * a plain UUID string.
 *
 * @param value the UUID
 */
public record PlanId(UUID value) implements Identifier {

	public PlanId {
		Identifier.required(value, PlanId.class);
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
