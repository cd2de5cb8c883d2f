package org.ketaclinic.scheduling.followup;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.events.EventTypes;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.followup.events.Topics;
import org.ketaclinic.followup.events.UrgentAlertAcknowledged;
import org.ketaclinic.followup.events.UrgentAlertRaised;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.inbox.StaleEvents;
import org.ketaclinic.scheduling.booster.ProposingBoosters;
import org.ketaclinic.scheduling.safety.PatientSafety;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A relapse risk detected by follow-up proposes a booster for a clinician to decide on;
 * an urgent alert holds the patient's dosing until a clinician acknowledges it. Alert
 * events no newer than the alert's last applied version are ignored (issue 19).
 */
@Component
class FollowupEventsListener {

	private final Inbox inbox;

	private final ProposingBoosters boosters;

	private final PatientSafety safety;

	private final StaleEvents stale;

	FollowupEventsListener(Inbox inbox, ProposingBoosters boosters, PatientSafety safety, StaleEvents stale) {
		this.inbox = inbox;
		this.stale = stale;
		this.boosters = boosters;
		this.safety = safety;
	}

	@KafkaListener(topics = Topics.FOLLOWUP)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record, (event) -> {
			switch (event.type()) {
				case EventTypes.RELAPSE_RISK_DETECTED -> {
					RelapseRiskDetected risk = event.data(RelapseRiskDetected.class);
					this.boosters.propose(risk.patientId(),
							risk.reasons().stream().map(RelapseRiskDetected.Reason::name).toList(), event.id());
				}
				case EventTypes.URGENT_ALERT_RAISED -> {
					UrgentAlertRaised alert = event.data(UrgentAlertRaised.class);
					if (!this.safety.alertRaised(alert.alertId(), alert.patientId(), alert.source(), alert.raisedAt(),
							alert.alertVersion())) {
						this.stale.ignored(event, alert.alertVersion());
					}
				}
				case EventTypes.URGENT_ALERT_ACKNOWLEDGED -> {
					UrgentAlertAcknowledged acknowledged = event.data(UrgentAlertAcknowledged.class);
					if (!this.safety.alertAcknowledged(acknowledged.alertId(), acknowledged.patientId(),
							acknowledged.acknowledgedAt(), acknowledged.alertVersion())) {
						this.stale.ignored(event, acknowledged.alertVersion());
					}
				}
				default -> {
					// other follow-up events concern no booking
				}
			}
		});
	}

}
