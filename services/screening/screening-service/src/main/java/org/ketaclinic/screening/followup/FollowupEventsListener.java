package org.ketaclinic.screening.followup;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.events.AdverseEffectReported;
import org.ketaclinic.followup.events.CheckInCompleted;
import org.ketaclinic.followup.events.FollowupEvent;
import org.ketaclinic.followup.events.MessageUndeliverable;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.followup.events.Topics;
import org.ketaclinic.followup.events.UrgentAlertAcknowledged;
import org.ketaclinic.followup.events.UrgentAlertRaised;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.screening.review.ReviewItems;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A relapse risk detected by follow-up opens a review for the patient's clinician. */
@Component
class FollowupEventsListener implements FollowupEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final ReviewItems reviews;

	FollowupEventsListener(Inbox inbox, ReviewItems reviews) {
		this.inbox = inbox;
		this.reviews = reviews;
	}

	@KafkaListener(topics = Topics.FOLLOWUP)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(FollowupEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(RelapseRiskDetected risk, IncomingEvent event) {
		this.reviews.openRelapseReview(risk.patientId().value(),
				risk.reasons().stream().map(RelapseRiskDetected.Reason::name).toList(), event.id());
	}

	@Override
	public void on(CheckInCompleted completed, IncomingEvent event) {
		// the clinicians' review list is opened by relapse risk, not by each check-in
	}

	@Override
	public void on(AdverseEffectReported reported, IncomingEvent event) {
		// reaches the clinicians as follow-up's alert, not as a screening review
	}

	@Override
	public void on(MessageUndeliverable undeliverable, IncomingEvent event) {
		// the front desk's task in follow-up
	}

	@Override
	public void on(UrgentAlertRaised raised, IncomingEvent event) {
		// paged by follow-up; scheduling holds the doses
	}

	@Override
	public void on(UrgentAlertAcknowledged acknowledged, IncomingEvent event) {
		// no screening review depends on it
	}

}
