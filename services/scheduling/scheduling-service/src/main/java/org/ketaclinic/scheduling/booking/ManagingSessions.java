package org.ketaclinic.scheduling.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.clinic.ClinicDay;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.clinic.Location;
import org.ketaclinic.scheduling.events.CancellationReason;
import org.ketaclinic.scheduling.events.CorrectedStatus;
import org.ketaclinic.scheduling.events.SessionCancelled;
import org.ketaclinic.scheduling.events.SessionMissed;
import org.ketaclinic.scheduling.events.SessionRescheduled;
import org.ketaclinic.scheduling.events.SessionStatus;
import org.ketaclinic.scheduling.events.SessionStatusCorrected;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;
import org.ketaclinic.scheduling.protocol.Protocol;
import org.ketaclinic.scheduling.protocol.ProtocolProperties;
import org.ketaclinic.scheduling.protocol.SeriesRules;
import org.ketaclinic.scheduling.safety.PatientSafety;
import org.postgresql.util.PSQLException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A booked session's life after booking: rescheduled, cancelled with a reason, checked in
 * on arrival, marked missed, or corrected. Every status change is kept in its history;
 * repeating a change answers the first.
 */
@Service
public class ManagingSessions {

	/** Reasons a session can be cancelled for. */
	public static final Set<String> CANCEL_REASONS = Set.of("PATIENT_REQUEST", "CLINIC_REQUEST", "APPROVAL_WITHDRAWN",
			"OTHER");

	private static final Set<String> STATUSES = Set.of("BOOKED", "CHECKED_IN", "IN_PROGRESS", "COMPLETED", "CANCELLED",
			"MISSED");

	private final Sessions sessions;

	private final Plans plans;

	private final Clinics clinics;

	private final ProtocolProperties protocols;

	private final PatientSafety safety;

	private final Outbox outbox;

	private final Clock clock;

	ManagingSessions(Sessions sessions, Plans plans, Clinics clinics, ProtocolProperties protocols,
			PatientSafety safety, Outbox outbox, Clock clock) {
		this.sessions = sessions;
		this.plans = plans;
		this.clinics = clinics;
		this.protocols = protocols;
		this.safety = safety;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Moves a booked session to another time or chair, with the same checks as booking.
	 * @param clinics the caller's clinics: another clinic's session or chair answers like
	 * an unknown one (ADR 12)
	 */
	@Transactional
	public Session reschedule(UUID sessionId, OffsetDateTime startsAt, UUID chairId, String by, String[] clinics) {
		Session session = locked(sessionId, clinics);
		String[] ofSession = Clinics.only(session.clinicId());
		if (session.startsAt().equals(startsAt.toInstant()) && session.chairId().equals(chairId)) {
			return session;
		}
		if (!"BOOKED".equals(session.status())) {
			throw new ConflictException("Only a booked session can be rescheduled; this one is " + session.status());
		}
		UUID locationId = this.clinics.locationOfChair(chairId, ofSession).orElseThrow(() -> {
			if (this.clinics.chairExists(chairId)) {
				// a chair of another clinic answers like an unknown id (ADR 12)
				return new NotFoundException("No chair " + chairId);
			}
			return new InvalidRequestException("chairId", "is not a known chair");
		});
		Location location = this.clinics.location(locationId, ofSession).orElseThrow();
		this.clinics.lock(locationId, ofSession);
		TreatmentPlan plan = this.plans.find(session.planId(), ofSession).orElseThrow();
		if (!"ACTIVE".equals(plan.status())) {
			throw new ConflictException("This plan is " + plan.status().toLowerCase() + "; nothing can be rescheduled");
		}
		Protocol protocol = this.protocols.of(plan.protocol());
		ZonedDateTime start = startsAt.atZoneSameInstant(location.zone());
		Instant now = this.clock.instant();
		if (start.toInstant().isBefore(now)) {
			throw new ConflictException("The new time is in the past");
		}
		List<Instant> starts = new ArrayList<>(this.sessions.ofPlan(plan.id())
			.stream()
			.filter((s) -> s.holdsChair() && !s.id().equals(sessionId))
			.map(Session::startsAt)
			.toList());
		starts.add(start.toInstant());
		List<String> spacing = SeriesRules.placementViolations(starts, List.of(start.toInstant()), protocol,
				plan.sessionsPlanned(), location.zone());
		if (!spacing.isEmpty()) {
			throw new ConflictException("The new time breaks the " + plan.protocol() + " protocol: " + spacing);
		}
		ClinicDay day = this.clinics.day(location, start.toLocalDate()).without(sessionId);
		Optional<String> whyNot = day.whyNot(chairId, start.toLocalTime(), protocol.block(),
				this.protocols.chairsPerNurse(), protocol.prescriberOnSite());
		if (whyNot.isPresent()) {
			throw new ConflictException("At " + start.toOffsetDateTime() + ": " + whyNot.get());
		}
		try {
			this.sessions.move(sessionId, chairId, start.toInstant(), start.plus(protocol.block()).toInstant(), now);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("At " + start.toOffsetDateTime() + ": " + clash(ex));
		}
		this.outbox.publish(new SessionRescheduled(new PatientId(session.patientId()), new PlanId(session.planId()),
				new SessionId(sessionId), session.startsAt().atZone(location.zone()).toOffsetDateTime(),
				start.toOffsetDateTime(), start.plus(protocol.block()).toOffsetDateTime(), new ChairId(chairId),
				location.zone().getId(), session.clinicId(), this.sessions.version(sessionId)));
		return this.sessions.find(sessionId, clinics).orElseThrow();
	}

	/** Cancels a session of one of these clinics; its chair is free again. */
	@Transactional
	public Session cancel(UUID sessionId, String reasonCode, String reason, String by, String[] clinics) {
		if (!CANCEL_REASONS.contains(reasonCode)) {
			throw new InvalidRequestException("reasonCode", "must be one of " + CANCEL_REASONS);
		}
		Session session = locked(sessionId, clinics);
		if ("CANCELLED".equals(session.status())) {
			return session;
		}
		if (!"BOOKED".equals(session.status()) && !"CHECKED_IN".equals(session.status())) {
			throw new ConflictException("A " + session.status().toLowerCase() + " session cannot be cancelled");
		}
		Instant now = this.clock.instant();
		this.sessions.changeStatus(sessionId, "CANCELLED", now, by,
				reasonCode + ((reason != null) ? ": " + reason : ""));
		this.outbox.publish(new SessionCancelled(new PatientId(session.patientId()), new PlanId(session.planId()),
				new SessionId(sessionId), local(session), CancellationReason.valueOf(reasonCode), now,
				session.clinicId(), this.sessions.version(sessionId)));
		return this.sessions.find(sessionId, clinics).orElseThrow();
	}

	/**
	 * Records the patient's arrival, unless their plan is not active or anything holds
	 * their dosing (no consent to treatment, an open urgent finding or alert, a positive
	 * pre-dose check not yet acknowledged).
	 */
	@Transactional
	public Session checkIn(UUID sessionId, String by, String[] clinics) {
		Session session = locked(sessionId, clinics);
		if ("CHECKED_IN".equals(session.status())) {
			return session;
		}
		if (!"BOOKED".equals(session.status())) {
			throw new ConflictException("A " + session.status().toLowerCase() + " session cannot be checked in");
		}
		TreatmentPlan plan = this.plans.find(session.planId(), Clinics.only(session.clinicId())).orElseThrow();
		this.safety.requireNoHold(session.patientId(), plan.status(), plan.kind(), plan.approvedAt(), "check in");
		this.sessions.changeStatus(sessionId, "CHECKED_IN", this.clock.instant(), by, null);
		return this.sessions.find(sessionId, clinics).orElseThrow();
	}

	/** Marks a booked session of one of these clinics missed. */
	@Transactional
	public Session markMissed(UUID sessionId, String by, String reason, String[] clinics) {
		Session session = locked(sessionId, clinics);
		if ("MISSED".equals(session.status())) {
			return session;
		}
		if (!"BOOKED".equals(session.status())) {
			throw new ConflictException("A " + session.status().toLowerCase() + " session cannot be marked missed");
		}
		Instant now = this.clock.instant();
		this.sessions.changeStatus(sessionId, "MISSED", now, by, reason);
		this.outbox.publish(new SessionMissed(new PatientId(session.patientId()), new PlanId(session.planId()),
				new SessionId(sessionId), local(session), now, session.clinicId(), this.sessions.version(sessionId)));
		return this.sessions.find(sessionId, clinics).orElseThrow();
	}

	/**
	 * Corrects a status set by mistake (say, marked missed though the patient came); the
	 * history keeps both and {@code SessionStatusCorrected} tells the other services. A
	 * correction never completes a session or starts one (only the clinician's record
	 * does, through the pre-dose check and the blood-pressure gate), never revives a
	 * cancelled session, and never changes a session in progress (a second dose could be
	 * opened) or a completed one (its clinical record stands); it books or checks in
	 * again only as booking and check-in would (an active plan, no hold). Leaving
	 * {@code CHECKED_IN} voids the session's pre-dose check. Correcting to the status a
	 * session already has answers it unchanged.
	 */
	@Transactional
	public Session correct(UUID sessionId, String status, String reason, String by, String[] clinics) {
		if (!STATUSES.contains(status)) {
			throw new InvalidRequestException("status", "must be one of " + STATUSES);
		}
		if (reason == null || reason.isBlank()) {
			throw new InvalidRequestException("reason", "is required: say why the status is corrected");
		}
		Session session = locked(sessionId, clinics);
		if (status.equals(session.status())) {
			return session;
		}
		if ("COMPLETED".equals(status)) {
			throw new ConflictException("A correction never completes a session: only the clinician's session record"
					+ " does, through the pre-dose check and the blood-pressure gate");
		}
		if ("IN_PROGRESS".equals(status)) {
			throw new ConflictException("A correction never starts a session: only the clinician's start does,"
					+ " through the pre-dose check and the blood-pressure gate");
		}
		if ("CANCELLED".equals(session.status())) {
			throw new ConflictException("A cancelled session is never revived by a correction; book a new one");
		}
		if ("IN_PROGRESS".equals(session.status())) {
			throw new ConflictException("A session in progress is not corrected: its dose has started; the clinician"
					+ " completes it with the session record");
		}
		if ("COMPLETED".equals(session.status())) {
			throw new ConflictException("A completed session's status is not corrected: its clinical record stands");
		}
		TreatmentPlan plan = this.plans.find(session.planId(), Clinics.only(session.clinicId())).orElseThrow();
		if ("BOOKED".equals(status) && !"ACTIVE".equals(plan.status())) {
			throw new ConflictException("This plan is " + plan.status().toLowerCase() + "; nothing can be booked");
		}
		if ("CHECKED_IN".equals(status)) {
			this.safety.requireNoHold(session.patientId(), plan.status(), plan.kind(), plan.approvedAt(), "check in");
		}
		Instant now = this.clock.instant();
		try {
			this.sessions.changeStatus(sessionId, status, now, by, "correction: " + reason);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("The chair or the patient is booked otherwise at that time: " + clash(ex));
		}
		ZoneId zone = zone(session);
		this.outbox.publish(new SessionStatusCorrected(new PatientId(session.patientId()), new PlanId(session.planId()),
				new SessionId(sessionId), SessionStatus.valueOf(session.status()), CorrectedStatus.valueOf(status),
				session.startsAt().atZone(zone).toOffsetDateTime(), session.endsAt().atZone(zone).toOffsetDateTime(),
				new ChairId(session.chairId()), zone.getId(), now, session.clinicId(),
				this.sessions.version(sessionId)));
		return this.sessions.find(sessionId, clinics).orElseThrow();
	}

	/**
	 * Marks missed every booked session not checked in within the grace period; returns
	 * how many.
	 */
	@Transactional
	public int markOverdueMissed(Duration grace) {
		List<Session> overdue = this.sessions.bookedAndStartedBefore(this.clock.instant().minus(grace), 200);
		// a system path: each session is marked within its own clinic
		overdue.forEach((session) -> markMissed(session.id(), "system",
				"not checked in within " + grace.toMinutes() + " minutes of the start",
				Clinics.only(session.clinicId())));
		return overdue.size();
	}

	private OffsetDateTime local(Session session) {
		return session.startsAt().atZone(zone(session)).toOffsetDateTime();
	}

	private ZoneId zone(Session session) {
		return this.clinics.location(session.locationId(), Clinics.only(session.clinicId())).orElseThrow().zone();
	}

	private Session locked(UUID sessionId, String[] clinics) {
		return this.sessions.lock(sessionId, clinics)
			.orElseThrow(() -> new NotFoundException("No session " + sessionId));
	}

	static String clash(DataIntegrityViolationException ex) {
		String constraint = (ex.getMostSpecificCause() instanceof PSQLException psql
				&& psql.getServerErrorMessage() != null) ? psql.getServerErrorMessage().getConstraint() : null;
		if ("session_chair_free".equals(constraint)) {
			return "the chair is already booked at that time";
		}
		if ("session_patient_free".equals(constraint)) {
			return "the patient already has a session at that time";
		}
		return "it clashes with another booking";
	}

}
