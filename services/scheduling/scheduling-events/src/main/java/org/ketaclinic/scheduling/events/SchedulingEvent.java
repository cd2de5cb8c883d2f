package org.ketaclinic.scheduling.events;

import org.ketaclinic.events.EventFamily;
import org.ketaclinic.events.PublishedEvent;

/**
 * An event on {@link Topics#SCHEDULING}. A consumer of the topic implements
 * {@link Handler}, one method for each type: a type added here fails the build of every
 * consumer until it says what to do with it.
 */
public sealed interface SchedulingEvent extends PublishedEvent
		permits TreatmentPlanCreated, SessionBooked, SessionRescheduled, SessionCancelled, SessionMissed,
		SessionCompleted, SessionStatusCorrected, PreDoseConcernRaised, TreatmentPlanStopped, BoosterProposed {

	/** The types on the topic, for a consumer to decode what it receives. */
	EventFamily<SchedulingEvent> FAMILY = new EventFamily<>(SchedulingEvent.class, SchedulingEvents.ON_SCHEDULING);

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

		/** {@link TreatmentPlanCreated}. */
		void on(TreatmentPlanCreated event, C context);

		/** {@link SessionBooked}. */
		void on(SessionBooked event, C context);

		/** {@link SessionRescheduled}. */
		void on(SessionRescheduled event, C context);

		/** {@link SessionCancelled}. */
		void on(SessionCancelled event, C context);

		/** {@link SessionMissed}. */
		void on(SessionMissed event, C context);

		/** {@link SessionCompleted}. */
		void on(SessionCompleted event, C context);

		/** {@link SessionStatusCorrected}. */
		void on(SessionStatusCorrected event, C context);

		/** {@link PreDoseConcernRaised}. */
		void on(PreDoseConcernRaised event, C context);

		/** {@link TreatmentPlanStopped}. */
		void on(TreatmentPlanStopped event, C context);

		/** {@link BoosterProposed}. */
		void on(BoosterProposed event, C context);

	}

}
