package org.ketaclinic.followup.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.alert.Alerts;
import org.ketaclinic.followup.alert.StaffTasks;
import org.ketaclinic.followup.checkin.PlanningCheckIns;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.scheduling.events.EventTypes;
import org.ketaclinic.scheduling.events.PreDoseConcernRaised;
import org.ketaclinic.scheduling.events.SessionBooked;
import org.ketaclinic.scheduling.events.SessionCancelled;
import org.ketaclinic.scheduling.events.SessionCompleted;
import org.ketaclinic.scheduling.events.SessionMissed;
import org.ketaclinic.scheduling.events.SessionRescheduled;
import org.ketaclinic.scheduling.events.SessionStatusCorrected;
import org.ketaclinic.scheduling.events.Topics;
import org.ketaclinic.scheduling.events.TreatmentPlanCreated;
import org.ketaclinic.scheduling.events.TreatmentPlanStopped;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Plans, moves and removes reminders as sessions are booked, moved, cancelled (also when
 * their plan stops), missed and corrected; starts the check-in cadence as sessions are
 * completed; pages the on-call clinician about a positive pre-dose check; asks the front
 * desk to call a patient whose plan stopped.
 */
@Component
class SchedulingEventsListener {

	private final Inbox inbox;

	private final Sessions sessions;

	private final PlanningMessages messages;

	private final PlanningCheckIns checkIns;

	private final Alerts alerts;

	private final StaffTasks tasks;

	SchedulingEventsListener(Inbox inbox, Sessions sessions, PlanningMessages messages, PlanningCheckIns checkIns,
			Alerts alerts, StaffTasks tasks) {
		this.inbox = inbox;
		this.alerts = alerts;
		this.tasks = tasks;
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
				case EventTypes.SESSION_STATUS_CORRECTED ->
					this.messages.sessionCorrected(event.data(SessionStatusCorrected.class));
				case EventTypes.PRE_DOSE_CONCERN_RAISED -> {
					PreDoseConcernRaised concern = event.data(PreDoseConcernRaised.class);
					this.alerts.raise(concern.patientId(), null, "URGENT", "PRE_DOSE", concern.locationId(),
							"Urgent: positive pre-dose safety check, dose held", concern.reasons(),
							"PRE_DOSE:" + event.id());
				}
				case EventTypes.TREATMENT_PLAN_STOPPED -> {
					TreatmentPlanStopped stopped = event.data(TreatmentPlanStopped.class);
					this.tasks.open(stopped.patientId(), "CALL_PATIENT", PlanStops.task(stopped),
							"PLAN_STOPPED:" + event.id());
				}
				default -> {
					// booster proposals are for clinicians, not patients
				}
			}
		});
	}

}
