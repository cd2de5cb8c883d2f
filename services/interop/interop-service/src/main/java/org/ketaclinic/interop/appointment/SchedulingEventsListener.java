package org.ketaclinic.interop.appointment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.events.Identifier;
import org.ketaclinic.interop.appointment.Appointments.Change;
import org.ketaclinic.interop.appointment.Appointments.Status;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.inbox.StaleEvents;
import org.ketaclinic.platform.security.ClinicScope;
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
 * Each session's life from scheduling's events, for the Appointments: booked,
 * rescheduled, cancelled, missed, completed, corrected. A session event older than the
 * version held changes no status (counted in {@code ketaclinic.events.stale}). The plan
 * and dosing events say nothing an Appointment shows.
 */
@Component
class SchedulingEventsListener implements SchedulingEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final Appointments appointments;

	private final ClinicScope clinicScope;

	private final StaleEvents staleEvents;

	SchedulingEventsListener(Inbox inbox, Appointments appointments, ClinicScope clinicScope, StaleEvents staleEvents) {
		this.inbox = inbox;
		this.appointments = appointments;
		this.clinicScope = clinicScope;
		this.staleEvents = staleEvents;
	}

	@KafkaListener(topics = Topics.SCHEDULING)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(SchedulingEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(SessionBooked booked, IncomingEvent event) {
		apply(new Change(booked.sessionId().value(), booked.patientId().value(), clinic(booked.clinicId()),
				booked.sessionVersion(), Status.BOOKED, booked.planId().value(), booked.sequence(),
				booked.protocol().name(), booked.locationId().value(), booked.chairId().value(),
				instant(booked.startsAt()), instant(booked.endsAt()), booked.timeZone(), null), event);
	}

	@Override
	public void on(SessionRescheduled rescheduled, IncomingEvent event) {
		apply(new Change(rescheduled.sessionId().value(), rescheduled.patientId().value(),
				clinic(rescheduled.clinicId()), rescheduled.sessionVersion(), Status.BOOKED,
				rescheduled.planId().value(), null, null, null, uuid(rescheduled.chairId()),
				instant(rescheduled.startsAt()), instant(rescheduled.endsAt()), rescheduled.timeZone(), null), event);
	}

	@Override
	public void on(SessionCancelled cancelled, IncomingEvent event) {
		apply(new Change(cancelled.sessionId().value(), cancelled.patientId().value(), clinic(cancelled.clinicId()),
				cancelled.sessionVersion(), Status.CANCELLED, cancelled.planId().value(), null, null, null, null,
				instant(cancelled.startsAt()), null, null,
				(cancelled.reasonCode() != null) ? cancelled.reasonCode().name() : null), event);
	}

	@Override
	public void on(SessionMissed missed, IncomingEvent event) {
		apply(new Change(missed.sessionId().value(), missed.patientId().value(), clinic(missed.clinicId()),
				missed.sessionVersion(), Status.MISSED, missed.planId().value(), null, null, null, null,
				instant(missed.startsAt()), null, null, null), event);
	}

	@Override
	public void on(SessionCompleted completed, IncomingEvent event) {
		apply(new Change(completed.sessionId().value(), completed.patientId().value(), clinic(completed.clinicId()),
				completed.sessionVersion(), Status.COMPLETED, completed.planId().value(), completed.sequence(),
				completed.protocol().name(), null, null, null, null, null, null), event);
	}

	@Override
	public void on(SessionStatusCorrected corrected, IncomingEvent event) {
		apply(new Change(corrected.sessionId().value(), corrected.patientId().value(), clinic(corrected.clinicId()),
				corrected.sessionVersion(), Status.valueOf(corrected.status().name()), corrected.planId().value(), null,
				null, null, uuid(corrected.chairId()), instant(corrected.startsAt()), instant(corrected.endsAt()),
				corrected.timeZone(), null), event);
	}

	@Override
	public void on(TreatmentPlanCreated created, IncomingEvent event) {
		// a plan's sessions come with their own events
	}

	@Override
	public void on(TreatmentPlanStopped stopped, IncomingEvent event) {
		// a stopped plan's sessions are cancelled by their own events
	}

	@Override
	public void on(PreDoseConcernRaised concern, IncomingEvent event) {
		// a dosing hold, not a change of the appointment
	}

	@Override
	public void on(BoosterProposed proposed, IncomingEvent event) {
		// a proposal is not a session until it is booked
	}

	private void apply(Change change, IncomingEvent event) {
		if (!this.appointments.apply(change)) {
			this.staleEvents.ignored(event, change.version());
		}
	}

	private String clinic(String clinicId) {
		return this.clinicScope.orDefault(clinicId);
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static UUID uuid(Identifier id) {
		return (id != null) ? id.value() : null;
	}

}
