package org.ketaclinic.interop.score;

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
import org.ketaclinic.platform.security.ClinicScope;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The PHQ-9 total of each completed check-in, for the FHIR Observations. */
@Component
class FollowupEventsListener implements FollowupEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final Phq9Scores scores;

	private final ClinicScope clinicScope;

	FollowupEventsListener(Inbox inbox, Phq9Scores scores, ClinicScope clinicScope) {
		this.inbox = inbox;
		this.scores = scores;
		this.clinicScope = clinicScope;
	}

	@KafkaListener(topics = Topics.FOLLOWUP)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(FollowupEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(CheckInCompleted completed, IncomingEvent event) {
		if (completed.phq9Total() != null) {
			this.scores.record(completed.checkInId().value(), completed.patientId().value(),
					this.clinicScope.orDefault(completed.clinicId()), Phq9Scores.Source.CHECK_IN, 1,
					completed.phq9Total(), completed.completedAt());
		}
	}

	@Override
	public void on(RelapseRiskDetected risk, IncomingEvent event) {
		// a judgement on the scores, not a measurement
	}

	@Override
	public void on(AdverseEffectReported reported, IncomingEvent event) {
		// not part of the FHIR course yet
	}

	@Override
	public void on(MessageUndeliverable undeliverable, IncomingEvent event) {
		// Communications come with a later slice, from the messages sent (ADR 18)
	}

	@Override
	public void on(UrgentAlertRaised raised, IncomingEvent event) {
		// not served by FHIR
	}

	@Override
	public void on(UrgentAlertAcknowledged acknowledged, IncomingEvent event) {
		// not served by FHIR
	}

}
