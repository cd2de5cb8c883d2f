package org.ketaclinic.intake.events;

import org.ketaclinic.events.EventFamily;
import org.ketaclinic.events.PublishedEvent;

/**
 * An event on {@link Topics#PATIENTS}: what the services after screening need of a
 * patient, without the clinical section. A consumer of the topic implements
 * {@link Handler}, one method for each type: a type added here fails the build of every
 * consumer until it says what to do with it.
 */
public sealed interface PatientsTopicEvent extends PublishedEvent permits PatientContactChanged, Phq9BaselineRecorded {

	/** The types on the topic, for a consumer to decode what it receives. */
	EventFamily<PatientsTopicEvent> FAMILY = new EventFamily<>(PatientsTopicEvent.class, IntakeEvents.ON_PATIENTS);

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

		/** {@link PatientContactChanged}. */
		void on(PatientContactChanged event, C context);

		/** {@link Phq9BaselineRecorded}. */
		void on(Phq9BaselineRecorded event, C context);

	}

}
