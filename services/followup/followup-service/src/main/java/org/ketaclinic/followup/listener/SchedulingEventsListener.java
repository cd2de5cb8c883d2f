package org.ketaclinic.followup.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.alert.Alerts;
import org.ketaclinic.followup.alert.StaffTasks;
import org.ketaclinic.followup.checkin.PlanningCheckIns;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.inbox.StaleEvents;
import org.ketaclinic.scheduling.events.BoosterProposed;
import org.ketaclinic.scheduling.events.PreDoseConcernRaised;
import org.ketaclinic.scheduling.events.SchedulingEvent;
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
 * desk to call a patient whose plan stopped. An event about a session or plan no newer
 * than the version follow-up last applied is acknowledged and ignored (issue 19).
 */
@Component
class SchedulingEventsListener implements SchedulingEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final Sessions sessions;

	private final PlanningMessages messages;

	private final PlanningCheckIns checkIns;

	private final Alerts alerts;

	private final StaffTasks tasks;

	private final StaleEvents stale;

	SchedulingEventsListener(Inbox inbox, Sessions sessions, PlanningMessages messages, PlanningCheckIns checkIns,
			Alerts alerts, StaffTasks tasks, StaleEvents stale) {
		this.inbox = inbox;
		this.stale = stale;
		this.alerts = alerts;
		this.tasks = tasks;
		this.sessions = sessions;
		this.messages = messages;
		this.checkIns = checkIns;
	}

	@KafkaListener(topics = Topics.SCHEDULING)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(SchedulingEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(TreatmentPlanCreated created, IncomingEvent event) {
		applied(event, this.sessions.planCreated(created), created.planVersion());
	}

	@Override
	public void on(SessionBooked booked, IncomingEvent event) {
		applied(event, this.messages.sessionBooked(booked, event.time()), booked.sessionVersion());
	}

	@Override
	public void on(SessionRescheduled moved, IncomingEvent event) {
		applied(event, this.messages.sessionRescheduled(moved, event.time()), moved.sessionVersion());
	}

	@Override
	public void on(SessionCancelled cancelled, IncomingEvent event) {
		applied(event, this.messages.sessionEnded(cancelled.sessionId().value(), cancelled.sessionVersion(),
				"CANCELLED", "SESSION_CANCELLED"), cancelled.sessionVersion());
	}

	@Override
	public void on(SessionMissed missed, IncomingEvent event) {
		applied(event, this.messages.sessionEnded(missed.sessionId().value(), missed.sessionVersion(), "MISSED",
				"SESSION_MISSED"), missed.sessionVersion());
	}

	@Override
	public void on(SessionCompleted completed, IncomingEvent event) {
		applied(event, this.checkIns.sessionCompleted(completed), completed.sessionVersion());
	}

	@Override
	public void on(SessionStatusCorrected corrected, IncomingEvent event) {
		applied(event, this.messages.sessionCorrected(corrected), corrected.sessionVersion());
	}

	@Override
	public void on(PreDoseConcernRaised concern, IncomingEvent event) {
		this.alerts.raise(concern.patientId().value(), null, "URGENT", "PRE_DOSE", concern.locationId().value(),
				"Urgent: positive pre-dose safety check, dose held",
				concern.reasons().stream().map(Enum::name).toList(), "PRE_DOSE:" + event.id());
	}

	@Override
	public void on(TreatmentPlanStopped stopped, IncomingEvent event) {
		if (applied(event, this.sessions.planChanged(stopped.planId().value(), stopped.planVersion()),
				stopped.planVersion())) {
			this.tasks.open(stopped.patientId().value(), "CALL_PATIENT", PlanStops.task(stopped),
					"PLAN_STOPPED:" + event.id());
		}
	}

	@Override
	public void on(BoosterProposed proposed, IncomingEvent event) {
		// booster proposals are for clinicians, not patients
	}

	private boolean applied(IncomingEvent event, boolean applied, Long version) {
		if (!applied) {
			this.stale.ignored(event, version);
		}
		return applied;
	}

}
