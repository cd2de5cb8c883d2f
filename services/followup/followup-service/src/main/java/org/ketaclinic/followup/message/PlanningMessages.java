package org.ketaclinic.followup.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.followup.policy.QuietHours;
import org.ketaclinic.followup.policy.ReminderSchedule;
import org.ketaclinic.followup.session.Session;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.scheduling.events.CorrectedStatus;
import org.ketaclinic.scheduling.events.SessionBooked;
import org.ketaclinic.scheduling.events.SessionRescheduled;
import org.ketaclinic.scheduling.events.SessionStatusCorrected;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans messages: a confirmation and the reminders of each booked session (re-planned
 * when it moves, removed when it is cancelled), check-in links, and replies. Every
 * sending time is moved out of the patient's quiet hours; a reminder that would then come
 * too close to the session is skipped, as is one whose moment had passed at booking.
 */
@Service
public class PlanningMessages {

	/** A reminder later than this before the session is no use. */
	public static final Duration LEAST_REMINDER_LEAD = Duration.ofMinutes(30);

	/** How often a number is sent the crisis resources at most. */
	public static final Duration CRISIS_REPLY_EVERY = Duration.ofHours(1);

	private final Messages messages;

	private final Sessions sessions;

	private final Patients patients;

	private final ReminderSchedule reminders;

	private final QuietHours quietHours;

	private final Duration confirmationDelay;

	private final Clock clock;

	PlanningMessages(Messages messages, Sessions sessions, Patients patients, FollowupProperties properties,
			Clock clock) {
		this.messages = messages;
		this.sessions = sessions;
		this.patients = patients;
		this.reminders = properties.reminderSchedule();
		this.quietHours = properties.quietHours();
		this.confirmationDelay = properties.confirmationDelay();
		this.clock = clock;
	}

	/**
	 * A session was booked: its confirmation and reminders; nothing if follow-up already
	 * holds a newer version of the session (issue 19: a booking replayed after the
	 * session was cancelled or moved neither brings it back nor plans its reminders).
	 * @return whether it was applied
	 */
	@Transactional
	public boolean sessionBooked(SessionBooked booked, Instant bookedAt) {
		if (!this.sessions.booked(booked)) {
			return false;
		}
		planFor(booked.patientId().value(), booked.sessionId().value(), MessageKind.BOOKING_CONFIRMATION,
				"BOOKING_CONFIRMATION:" + booked.sessionId(), booked.startsAt().toInstant(),
				ZoneId.of(booked.timeZone()), bookedAt);
		return true;
	}

	/**
	 * A session moved: the old reminders go, new ones and a confirmation of the new time
	 * come; nothing if follow-up already holds a newer version of the session.
	 * @return whether it was applied
	 */
	@Transactional
	public boolean sessionRescheduled(SessionRescheduled moved, Instant movedAt) {
		if (!this.sessions.claim(moved.sessionId().value(), moved.sessionVersion())) {
			return false;
		}
		this.sessions.moved(moved.sessionId().value(), moved.startsAt().toInstant(), moved.endsAt().toInstant());
		this.messages.cancelForSession(moved.sessionId().value(), "RESCHEDULED", now());
		planFor(moved.patientId().value(), moved.sessionId().value(), MessageKind.RESCHEDULE_CONFIRMATION,
				"RESCHEDULE_CONFIRMATION:" + moved.sessionId() + ":" + moved.startsAt().toEpochSecond(),
				moved.startsAt().toInstant(), ZoneId.of(moved.timeZone()), movedAt);
		return true;
	}

	/**
	 * A session was cancelled or missed: its messages not yet sent are removed; nothing
	 * if follow-up already holds a newer version of the session.
	 * @param version the event's {@code sessionVersion}, null from producers before
	 * versions
	 * @return whether it was applied
	 */
	@Transactional
	public boolean sessionEnded(UUID sessionId, Long version, String status, String reason) {
		if (!this.sessions.claim(sessionId, version)) {
			return false;
		}
		ended(sessionId, status, reason);
		return true;
	}

	private void ended(UUID sessionId, String status, String reason) {
		this.sessions.status(sessionId, status);
		this.messages.cancelForSession(sessionId, reason, now());
	}

	private void planFor(UUID patientId, UUID sessionId, MessageKind confirmation, String confirmationOrigin,
			Instant startsAt, ZoneId clinicZone, Instant bookedAt) {
		ZoneId zone = this.patients.find(patientId).map((patient) -> patient.zoneOr(clinicZone)).orElse(clinicZone);
		Instant now = now();
		bookedAt = (bookedAt != null) ? bookedAt : now;
		Instant confirmAt = later(bookedAt, now).plus(this.confirmationDelay);
		plan(patientId, confirmation, sessionId, null, null, confirmationOrigin, confirmAt, startsAt, zone);
		planReminders(patientId, sessionId, startsAt, zone, bookedAt, "");
	}

	private void planReminders(UUID patientId, UUID sessionId, Instant startsAt, ZoneId zone, Instant from,
			String originSuffix) {
		long start = startsAt.getEpochSecond();
		for (ReminderSchedule.Planned reminder : this.reminders.plan(startsAt.atZone(zone), from)) {
			plan(patientId, reminder.kind(), sessionId, null, null,
					reminder.kind() + ":" + sessionId + ":" + start + originSuffix, reminder.at(), startsAt, zone);
		}
	}

	/**
	 * A session's status was corrected in scheduling: one corrected to missed or
	 * cancelled loses its unsent messages; one that follow-up had as missed or cancelled
	 * and that is booked again, still ahead, gets its reminders planned again (those
	 * whose moment has passed are not). Nothing changes if follow-up already holds a
	 * newer version of the session.
	 * @return whether it was applied
	 */
	@Transactional
	public boolean sessionCorrected(SessionStatusCorrected corrected) {
		if (!this.sessions.claim(corrected.sessionId().value(), corrected.sessionVersion())) {
			return false;
		}
		switch (corrected.status()) {
			case MISSED, CANCELLED ->
				ended(corrected.sessionId().value(), corrected.status().name(), "SESSION_" + corrected.status().name());
			case BOOKED, CHECKED_IN, IN_PROGRESS -> {
				Session session = this.sessions.find(corrected.sessionId().value()).orElse(null);
				if (session == null || !List.of("MISSED", "CANCELLED").contains(session.status())) {
					// unknown here, or never ended here: nothing to bring back
					return true;
				}
				this.sessions.status(session.id(), "BOOKED");
				Instant startsAt = corrected.startsAt().toInstant();
				Instant now = now();
				if (!startsAt.equals(session.startsAt())) {
					this.sessions.moved(session.id(), startsAt, corrected.endsAt().toInstant());
				}
				if (corrected.status() == CorrectedStatus.BOOKED && startsAt.isAfter(now)) {
					ZoneId clinicZone = ZoneId.of(corrected.timeZone());
					ZoneId zone = this.patients.find(corrected.patientId().value())
						.map((patient) -> patient.zoneOr(clinicZone))
						.orElse(clinicZone);
					planReminders(corrected.patientId().value(), session.id(), startsAt, zone, now,
							":corrected:" + corrected.correctedAt().toEpochMilli());
				}
			}
		}
		return true;
	}

	/** Plans the message that carries a check-in's link. */
	@Transactional
	public void checkInLink(UUID patientId, UUID checkInId, Instant dueAt) {
		ZoneId zone = this.patients.find(patientId).map(Patient::zone).orElse(null);
		plan(patientId, MessageKind.CHECK_IN, null, checkInId, null, "CHECK_IN:" + checkInId, dueAt, null, zone);
	}

	/**
	 * Plans a reply to a text, sent at once to the number that wrote.
	 * @param patientId the patient, or null for a number no patient has
	 */
	@Transactional
	public void reply(UUID patientId, String phone, MessageKind kind) {
		Instant now = now();
		this.messages.plan(patientId, kind, null, null, phone, "REPLY:" + kind + ":" + UUID.randomUUID(), now, now,
				"PLANNED", null, now);
	}

	/**
	 * Plans the crisis resources as a reply to a number, at most once an hour per number:
	 * a reply echoed back (an auto-responder, a forward) must not start a loop.
	 * @param patientId the patient, or null for a number no patient has
	 * @return whether it was planned
	 */
	@Transactional
	public boolean crisisReply(UUID patientId, String phone) {
		Instant now = now();
		if (this.messages.toNumberSince(phone, MessageKind.CRISIS_RESOURCES, now.minus(CRISIS_REPLY_EVERY)) > 0) {
			return false;
		}
		reply(patientId, phone, MessageKind.CRISIS_RESOURCES);
		return true;
	}

	/**
	 * Plans a page to a clinician's number, sent at once whatever the hour and the
	 * patient's budget; once per origin.
	 * @return the message's id
	 */
	@Transactional
	public UUID page(UUID patientId, String phone, String origin, String clinicId) {
		Instant now = now();
		this.messages.plan(patientId, MessageKind.PAGE, null, null, phone, origin, now, now, "PLANNED", null, now,
				clinicId);
		return this.messages.idOf(origin);
	}

	/** The patient's time zone changed: planned messages move to its quiet hours. */
	@Transactional
	public void zoneChanged(UUID patientId) {
		Patient patient = this.patients.find(patientId).orElseThrow();
		ZoneId zone = patient.zone();
		for (Message message : this.messages.plannedFor(patientId)) {
			if (!message.kind().goesAtOnce()) {
				this.messages.reschedule(message.id(), this.quietHours.nextAllowed(message.dueAt(), zone), now());
			}
		}
	}

	private void plan(UUID patientId, MessageKind kind, UUID sessionId, UUID checkInId, String replyTo, String origin,
			Instant due, Instant sessionStart, ZoneId zone) {
		Instant now = now();
		Instant sendAt = (zone != null) ? this.quietHours.nextAllowed(due, zone) : due;
		if (sessionStart != null && kind.isReminder() && sendAt.isAfter(sessionStart.minus(LEAST_REMINDER_LEAD))) {
			this.messages.plan(patientId, kind, sessionId, checkInId, replyTo, origin, due, sendAt, "SKIPPED",
					"QUIET_HOURS", now);
			return;
		}
		this.messages.plan(patientId, kind, sessionId, checkInId, replyTo, origin, due, sendAt, "PLANNED", null, now);
	}

	/** Whether a reminder sent at this instant still comes in time for its session. */
	public static boolean stillUseful(Session session, Instant sendAt) {
		return session != null && session.isBooked() && sendAt.isBefore(session.startsAt().minus(LEAST_REMINDER_LEAD));
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private Instant now() {
		return this.clock.instant();
	}

}
