package org.ketaclinic.scheduling.followup;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.events.EventTypes;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.followup.events.Topics;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.scheduling.booster.ProposingBoosters;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A relapse risk detected by follow-up proposes a booster for a clinician to decide on.
 */
@Component
class FollowupEventsListener {

	private final Inbox inbox;

	private final ProposingBoosters boosters;

	FollowupEventsListener(Inbox inbox, ProposingBoosters boosters) {
		this.inbox = inbox;
		this.boosters = boosters;
	}

	@KafkaListener(topics = Topics.FOLLOWUP)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record, (event) -> {
			if (EventTypes.RELAPSE_RISK_DETECTED.equals(event.type())) {
				RelapseRiskDetected risk = event.data(RelapseRiskDetected.class);
				this.boosters.propose(risk.patientId(),
						risk.reasons().stream().map(RelapseRiskDetected.Reason::name).toList(), event.id());
			}
		});
	}

}
