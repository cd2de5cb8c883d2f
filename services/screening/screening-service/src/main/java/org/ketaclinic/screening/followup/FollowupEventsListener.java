package org.ketaclinic.screening.followup;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.events.EventTypes;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.followup.events.Topics;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.screening.review.ReviewItems;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A relapse risk detected by follow-up opens a review for the patient's clinician. */
@Component
class FollowupEventsListener {

	private final Inbox inbox;

	private final ReviewItems reviews;

	FollowupEventsListener(Inbox inbox, ReviewItems reviews) {
		this.inbox = inbox;
		this.reviews = reviews;
	}

	@KafkaListener(topics = Topics.FOLLOWUP)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record, (event) -> {
			if (EventTypes.RELAPSE_RISK_DETECTED.equals(event.type())) {
				RelapseRiskDetected risk = event.data(RelapseRiskDetected.class);
				this.reviews.openRelapseReview(risk.patientId(),
						risk.reasons().stream().map(RelapseRiskDetected.Reason::name).toList(), event.id());
			}
		});
	}

}
