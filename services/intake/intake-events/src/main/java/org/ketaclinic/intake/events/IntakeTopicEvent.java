package org.ketaclinic.intake.events;

import org.ketaclinic.events.EventFamily;
import org.ketaclinic.events.PublishedEvent;

/**
 * An event on {@link Topics#INTAKE}: intake's whole stream, with the clinical section,
 * for screening. A consumer of the topic implements {@link Handler}, one method for each
 * type: a type added here fails the build of every consumer until it says what to do with
 * it.
 */
public sealed interface IntakeTopicEvent extends PublishedEvent
		permits IntakeSubmitted, IntakeAmended, IntakeWithdrawn, PatientContactChanged {

	/** The types on the topic, for a consumer to decode what it receives. */
	EventFamily<IntakeTopicEvent> FAMILY = new EventFamily<>(IntakeTopicEvent.class, IntakeEvents.ON_INTAKE);

	/**
	 * Hands the event to the handler's method for its type.
	 * @param <C> what the consumer passes along (the received event's envelope)
	 */
	<C> void sendTo(Handler<C> handler, C context);

	/**
	 * What a consumer does with each type on the topic.
	 *
	 * @param <C> what it is passed along with each event
	 */
	interface Handler<C> {

		/** {@link IntakeSubmitted}. */
		void on(IntakeSubmitted event, C context);

		/** {@link IntakeAmended}. */
		void on(IntakeAmended event, C context);

		/** {@link IntakeWithdrawn}. */
		void on(IntakeWithdrawn event, C context);

		/** {@link PatientContactChanged}. */
		void on(PatientContactChanged event, C context);

	}

}
