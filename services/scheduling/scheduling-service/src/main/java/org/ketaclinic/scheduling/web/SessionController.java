package org.ketaclinic.scheduling.web;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.booking.ManagingSessions;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.booking.Sessions;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.clinic.Location;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A session's life at the front desk: reschedule, cancel, check in, mark missed, correct,
 * and its history. Each change and its audit entry commit in one transaction.
 */
@RestController
@RequestMapping(path = "/api/scheduling/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

	private final ManagingSessions managing;

	private final Sessions sessions;

	private final Clinics clinics;

	private final AuditLog audit;

	private final ClinicScope clinicScope;

	SessionController(ManagingSessions managing, Sessions sessions, Clinics clinics, AuditLog audit,
			ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.managing = managing;
		this.sessions = sessions;
		this.clinics = clinics;
		this.audit = audit;
	}

	@GetMapping("/{sessionId}")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	SessionDetail get(@PathVariable UUID sessionId) {
		Session session = scoped(sessionId);
		this.audit.record(session.clinicId(), session.patientId(), "SESSION_READ", "session/" + sessionId);
		return detail(session);
	}

	@PostMapping(path = "/{sessionId}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('FRONT_DESK')")
	@Transactional
	SessionDetail reschedule(@PathVariable UUID sessionId, @Valid @RequestBody Move move, Principal caller) {
		scoped(sessionId);
		return audited(this.managing.reschedule(sessionId, move.startsAt(), move.chairId(), caller.getName(),
				this.clinicScope.sqlArray()), "SESSION_RESCHEDULED");
	}

	@PostMapping(path = "/{sessionId}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	@Transactional
	SessionDetail cancel(@PathVariable UUID sessionId, @Valid @RequestBody Cancellation cancellation,
			Principal caller) {
		scoped(sessionId);
		return audited(this.managing.cancel(sessionId, cancellation.reasonCode(), cancellation.reason(),
				caller.getName(), this.clinicScope.sqlArray()), "SESSION_CANCELLED");
	}

	@PostMapping("/{sessionId}/check-in")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	@Transactional
	SessionDetail checkIn(@PathVariable UUID sessionId, Principal caller) {
		scoped(sessionId);
		return audited(this.managing.checkIn(sessionId, caller.getName(), this.clinicScope.sqlArray()),
				"SESSION_CHECKED_IN");
	}

	@PostMapping("/{sessionId}/missed")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	@Transactional
	SessionDetail missed(@PathVariable UUID sessionId, Principal caller) {
		scoped(sessionId);
		return audited(
				this.managing.markMissed(sessionId, caller.getName(), "marked by staff", this.clinicScope.sqlArray()),
				"SESSION_MISSED");
	}

	@PostMapping(path = "/{sessionId}/status-correction", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	@Transactional
	SessionDetail correct(@PathVariable UUID sessionId, @Valid @RequestBody Correction correction, Principal caller) {
		scoped(sessionId);
		return audited(this.managing.correct(sessionId, correction.status(), correction.reason(), caller.getName(),
				this.clinicScope.sqlArray()), "SESSION_STATUS_CORRECTED");
	}

	private SessionDetail audited(Session session, String action) {
		this.audit.recordChange(session.clinicId(), session.patientId(), action, "session/" + session.id());
		return detail(session);
	}

	/**
	 * The session if it is of one of the caller's clinics; another clinic's answers
	 * exactly like an unknown one (ADR 12), and commands load it this way first.
	 */
	private Session scoped(UUID sessionId) {
		return this.sessions.find(sessionId, this.clinicScope.sqlArray())
			.orElseThrow(() -> new NotFoundException("No session " + sessionId));
	}

	private SessionDetail detail(Session session) {
		ZoneId zone = this.clinics.location(session.locationId(), Clinics.only(session.clinicId()))
			.map(Location::zone)
			.orElse(ZoneId.of("UTC"));
		return new SessionDetail(session.id(), session.planId(), session.patientId(), session.sequence(),
				session.startsAt().atZone(zone).toOffsetDateTime(), session.endsAt().atZone(zone).toOffsetDateTime(),
				session.chairId(), session.locationId(), session.status(), this.sessions.history(session.id()));
	}

	/**
	 * A new time and chair.
	 *
	 * @param startsAt the new start with its offset
	 * @param chairId the chair
	 */
	record Move(@NotNull OffsetDateTime startsAt, @NotNull UUID chairId) {
	}

	/**
	 * Why a session is cancelled.
	 *
	 * @param reasonCode PATIENT_REQUEST, CLINIC_REQUEST, APPROVAL_WITHDRAWN or OTHER
	 * @param reason free text, kept in scheduling only
	 */
	record Cancellation(@NotBlank String reasonCode, @Size(max = 500) String reason) {
	}

	/**
	 * A status correction.
	 *
	 * @param status the right status
	 * @param reason why the recorded one was wrong
	 */
	record Correction(@NotBlank String status, @NotBlank @Size(max = 500) String reason) {
	}

	/**
	 * A session with its status history.
	 *
	 * @param sessionId the session
	 * @param planId the plan
	 * @param patientId the patient
	 * @param sequence its place in the plan
	 * @param startsAt clinic-local start
	 * @param endsAt end of its chair time
	 * @param chairId the chair
	 * @param locationId the location
	 * @param status its status
	 * @param history every status it has had
	 */
	record SessionDetail(UUID sessionId, UUID planId, UUID patientId, int sequence, OffsetDateTime startsAt,
			OffsetDateTime endsAt, UUID chairId, UUID locationId, String status, List<Sessions.StatusChange> history) {
	}

}
