package org.ketaclinic.followup.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.alert.Alerts;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.screening.events.ApprovalWithdrawn;
import org.ketaclinic.screening.events.ScreeningAssessed;
import org.ketaclinic.screening.events.ScreeningDecided;
import org.ketaclinic.screening.events.ScreeningEvent;
import org.ketaclinic.screening.events.Topics;
import org.ketaclinic.screening.events.UrgentReviewRequested;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * An urgent screening outcome becomes an urgent alert in the clinicians' inbox, beside
 * the follow-up ones, and pages the on-call clinician; the clinician's decision on that
 * assessment acknowledges it (someone has reviewed the patient), which stops the paging.
 */
@Component
class ScreeningEventsListener implements ScreeningEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final Alerts alerts;

	ScreeningEventsListener(Inbox inbox, Alerts alerts) {
		this.inbox = inbox;
		this.alerts = alerts;
	}

	@KafkaListener(topics = Topics.SCREENING)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(ScreeningEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(UrgentReviewRequested urgent, IncomingEvent event) {
		this.alerts.raise(urgent.patientId().value(), null, "URGENT", "SCREENING", null,
				"Urgent: same-day review after screening", urgent.urgentRuleIds(),
				origin(urgent.assessmentId().value()), urgent.clinicId());
	}

	@Override
	public void on(ScreeningDecided decided, IncomingEvent event) {
		this.alerts.openByOrigin(origin(decided.assessmentId().value()))
			.ifPresent((alert) -> this.alerts.acknowledgeForSystem(alert.id(),
					"Decided in screening: " + decided.decision(), "screening decision"));
	}

	@Override
	public void on(ScreeningAssessed assessed, IncomingEvent event) {
		// an urgent finding reaches follow-up as UrgentReviewRequested
	}

	@Override
	public void on(ApprovalWithdrawn withdrawn, IncomingEvent event) {
		// scheduling stops the plan; follow-up hears of it as TreatmentPlanStopped
	}

	private static String origin(java.util.UUID assessmentId) {
		return "SCREENING:" + assessmentId;
	}

}
