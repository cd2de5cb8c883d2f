package org.ketaclinic.intake.events;

import org.ketaclinic.events.EventFamily;
import org.ketaclinic.events.PublishedEvent;

/**
 * An event on {@link Topics#INTEROP}: what the interop service needs of a patient to
 * serve them as FHIR: who they are, and the two questionnaires their referral answered,
 * nothing else of the clinical history (ADR 18). Its one consumer implements
 * {@link Handler}, one method for each type: a type added here fails its build until it
 * says what to do with it.
 */
public sealed interface InteropTopicEvent extends PublishedEvent
		permits PatientDemographicsChanged, IntakeQuestionnairesAnswered {

	/** The types on the topic, for a consumer to decode what it receives. */
	EventFamily<InteropTopicEvent> FAMILY = new EventFamily<>(InteropTopicEvent.class, IntakeEvents.ON_INTEROP);

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

		/** {@link PatientDemographicsChanged}. */
		void on(PatientDemographicsChanged event, C context);

		/** {@link IntakeQuestionnairesAnswered}. */
		void on(IntakeQuestionnairesAnswered event, C context);

	}

}
