package org.ketaclinic.scheduling.followup;

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
class FollowupEventsListener implements FollowupEvent.Handler<IncomingEvent> {

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
		this.inbox.receive(record,
				(event) -> event.as(FollowupEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(RelapseRiskDetected risk, IncomingEvent event) {
		this.boosters.propose(risk.patientId().value(),
				risk.reasons().stream().map(RelapseRiskDetected.Reason::name).toList(), event.id());
	}

	@Override
	public void on(UrgentAlertRaised alert, IncomingEvent event) {
		if (!this.safety.alertRaised(alert.alertId().value(), alert.patientId().value(), alert.source().name(),
				alert.raisedAt(), alert.alertVersion())) {
			this.stale.ignored(event, alert.alertVersion());
		}
	}

	@Override
	public void on(UrgentAlertAcknowledged acknowledged, IncomingEvent event) {
		if (!this.safety.alertAcknowledged(acknowledged.alertId().value(), acknowledged.patientId().value(),
				acknowledged.acknowledgedAt(), acknowledged.alertVersion())) {
			this.stale.ignored(event, acknowledged.alertVersion());
		}
	}

	@Override
	public void on(CheckInCompleted completed, IncomingEvent event) {
		// concerns no booking: boosters follow relapse risk
	}

	@Override
	public void on(AdverseEffectReported reported, IncomingEvent event) {
		// an urgent one holds the doses through its UrgentAlertRaised
	}

	@Override
	public void on(MessageUndeliverable undeliverable, IncomingEvent event) {
		// the front desk's task in follow-up
	}

}
