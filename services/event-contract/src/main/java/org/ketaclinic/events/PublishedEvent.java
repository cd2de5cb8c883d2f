package org.ketaclinic.events;

/**
 * An event a service publishes: a record of ids, codes, scores and times (its JSON is the
 * CloudEvent's data) that knows what it is. Publishing it needs nothing else: its
 * {@link #type() type} names the versioned CloudEvents type, the topics and the schema;
 * every event is about one patient, whose id keys it so that one patient's events stay in
 * order; its {@link #subject() subject} names the aggregate within the source.
 * <p>
 * The methods here are not bean getters, so they never reach the event's JSON: only the
 * record's components do.
 */
public interface PublishedEvent {

	/** The patient the event is about: the record key on every topic. */
	PatientId patientId();

	/** The event's registered type. */
	EventType type();

	/**
	 * What the event is about within its source, as in {@code session/<id>}: the
	 * CloudEvents {@code subject}; null when there is none.
	 */
	String subject();

}
