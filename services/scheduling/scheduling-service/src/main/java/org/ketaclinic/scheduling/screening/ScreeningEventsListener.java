package org.ketaclinic.scheduling.screening;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.scheduling.plan.PlanningTreatment;
import org.ketaclinic.screening.events.ApprovalWithdrawn;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.EventTypes;
import org.ketaclinic.screening.events.ScreeningAssessed;
import org.ketaclinic.screening.events.ScreeningDecided;
import org.ketaclinic.screening.events.Topics;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * An approval with a protocol creates a treatment plan; a superseded approval cancels it.
 */
@Component
class ScreeningEventsListener {

	private final Inbox inbox;

	private final PlanningTreatment planning;

	ScreeningEventsListener(Inbox inbox, PlanningTreatment planning) {
		this.inbox = inbox;
		this.planning = planning;
	}

	@KafkaListener(topics = Topics.SCREENING)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record, (event) -> {
			if (EventTypes.SCREENING_ASSESSED.equals(event.type())) {
				ScreeningAssessed assessed = event.data(ScreeningAssessed.class);
				if (assessed.supersedesAssessmentId() != null) {
					this.planning.approvalSuperseded(assessed.supersedesAssessmentId());
				}
			}
			if (EventTypes.APPROVAL_WITHDRAWN.equals(event.type())) {
				this.planning.approvalWithdrawn(event.data(ApprovalWithdrawn.class).assessmentId());
			}
			if (EventTypes.SCREENING_DECIDED.equals(event.type())) {
				ScreeningDecided decided = event.data(ScreeningDecided.class);
				if (decided.decision() == Decision.APPROVED && decided.protocol() != null) {
					this.planning.planInduction(decided.patientId(), decided.assessmentId(), decided.protocol().name());
				}
			}
		});
	}

}
