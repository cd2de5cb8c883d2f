package org.ketaclinic.platform.outbox;

/**
 * Records events in the caller's database transaction; they are published after it
 * commits, and never if it rolls back.
 */
public interface Outbox {

	/**
	 * Records an event in the current transaction.
	 * @return the event id ({@code ce_id})
	 * @throws IllegalStateException when no transaction is active
	 * @throws IllegalArgumentException when the data breaks its type's JSON Schema
	 */
	String record(OutgoingEvent event);

}
