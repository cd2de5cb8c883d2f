package org.ketaclinic.followup.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.checkin.PlanningCheckIns;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.scheduling.events.EventTypes;
import org.ketaclinic.scheduling.events.SessionBooked;
import org.ketaclinic.scheduling.events.SessionCancelled;
import org.ketaclinic.scheduling.events.SessionCompleted;
import org.ketaclinic.scheduling.events.SessionMissed;
import org.ketaclinic.scheduling.events.SessionRescheduled;
import org.ketaclinic.scheduling.events.Topics;
import org.ketaclinic.scheduling.events.TreatmentPlanCreated;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Plans, moves and removes reminders as sessions are booked, moved, cancelled and missed;
 * starts the check-in cadence as sessions are completed.
 */
@Component
class SchedulingEventsListener {

	private final Inbox inbox;

	private final Sessions sessions;

	private final PlanningMessages messages;

	private final PlanningCheckIns checkIns;

	SchedulingEventsListener(Inbox inbox, Sessions sessions, PlanningMessages messages, PlanningCheckIns checkIns) {
		this.inbox = inbox;
		this.sessions = sessions;
		this.messages = messages;
		this.checkIns = checkIns;
	}

	@KafkaListener(topics = Topics.SCHEDULING)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record, (event) -> {
			switch (event.type()) {
				case EventTypes.TREATMENT_PLAN_CREATED ->
					this.sessions.planCreated(event.data(TreatmentPlanCreated.class));
				case EventTypes.SESSION_BOOKED ->
					this.messages.sessionBooked(event.data(SessionBooked.class), event.time());
				case EventTypes.SESSION_RESCHEDULED ->
					this.messages.sessionRescheduled(event.data(SessionRescheduled.class), event.time());
				case EventTypes.SESSION_CANCELLED -> this.messages
					.sessionEnded(event.data(SessionCancelled.class).sessionId(), "CANCELLED", "SESSION_CANCELLED");
				case EventTypes.SESSION_MISSED ->
					this.messages.sessionEnded(event.data(SessionMissed.class).sessionId(), "MISSED", "SESSION_MISSED");
				case EventTypes.SESSION_COMPLETED -> this.checkIns.sessionCompleted(event.data(SessionCompleted.class));
				default -> {
					// booster proposals are for clinicians, not patients
				}
			}
		});
	}

}
