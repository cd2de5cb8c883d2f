package org.ketaclinic.screening.events;

import org.ketaclinic.events.EventFamily;
import org.ketaclinic.events.PublishedEvent;

/**
 * An event on {@link Topics#SCREENING}. A consumer of the topic implements
 * {@link Handler}, one method for each type: a type added here fails the build of every
 * consumer until it says what to do with it.
 */
public sealed interface ScreeningEvent extends PublishedEvent
		permits ScreeningAssessed, UrgentReviewRequested, ScreeningDecided, ApprovalWithdrawn {

	/** The types on the topic, for a consumer to decode what it receives. */
	EventFamily<ScreeningEvent> FAMILY = new EventFamily<>(ScreeningEvent.class, ScreeningEvents.ON_SCREENING);

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

		/** {@link ScreeningAssessed}. */
		void on(ScreeningAssessed event, C context);

		/** {@link UrgentReviewRequested}. */
		void on(UrgentReviewRequested event, C context);

		/** {@link ScreeningDecided}. */
		void on(ScreeningDecided event, C context);

		/** {@link ApprovalWithdrawn}. */
		void on(ApprovalWithdrawn event, C context);

	}

}
