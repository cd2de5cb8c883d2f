package org.ketaclinic.followup.events;

import org.ketaclinic.events.EventFamily;
import org.ketaclinic.events.PublishedEvent;

/**
 * An event on {@link Topics#FOLLOWUP}. A consumer of the topic implements
 * {@link Handler}, one method for each type: a type added here fails the build of every
 * consumer until it says what to do with it.
 */
public sealed interface FollowupEvent extends PublishedEvent permits CheckInCompleted, RelapseRiskDetected,
		AdverseEffectReported, MessageUndeliverable, UrgentAlertRaised, UrgentAlertAcknowledged {

	/** The types on the topic, for a consumer to decode what it receives. */
	EventFamily<FollowupEvent> FAMILY = new EventFamily<>(FollowupEvent.class, FollowupEvents.ON_FOLLOWUP);

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

		/** {@link CheckInCompleted}. */
		void on(CheckInCompleted event, C context);

		/** {@link RelapseRiskDetected}. */
		void on(RelapseRiskDetected event, C context);

		/** {@link AdverseEffectReported}. */
		void on(AdverseEffectReported event, C context);

		/** {@link MessageUndeliverable}. */
		void on(MessageUndeliverable event, C context);

		/** {@link UrgentAlertRaised}. */
		void on(UrgentAlertRaised event, C context);

		/** {@link UrgentAlertAcknowledged}. */
		void on(UrgentAlertAcknowledged event, C context);

	}

}
