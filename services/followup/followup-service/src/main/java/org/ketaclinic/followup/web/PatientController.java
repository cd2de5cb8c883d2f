package org.ketaclinic.followup.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.alert.Alert;
import org.ketaclinic.followup.alert.Alerts;
import org.ketaclinic.followup.alert.Page;
import org.ketaclinic.followup.alert.Paging;
import org.ketaclinic.followup.checkin.CheckIn;
import org.ketaclinic.followup.checkin.CheckIns;
import org.ketaclinic.followup.checkin.PlanningCheckIns;
import org.ketaclinic.followup.message.Message;
import org.ketaclinic.followup.message.Messages;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.Phq9Course;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One patient's follow-up: messages, PHQ-9 course, alerts, and extra check-ins. */
@RestController
@RequestMapping(path = "/api/followup/patients/{patientId}", produces = MediaType.APPLICATION_JSON_VALUE)
class PatientController {

	private final Messages messages;

	private final Patients patients;

	private final Sessions sessions;

	private final CheckIns checkIns;

	private final PlanningCheckIns planning;

	private final Alerts alerts;

	private final Paging paging;

	private final Phq9Course course;

	private final AuditLog audit;

	private final Clock clock;

	PatientController(Messages messages, Patients patients, Sessions sessions, CheckIns checkIns,
			PlanningCheckIns planning, Alerts alerts, Paging paging, FollowupProperties properties, AuditLog audit,
			Clock clock) {
		this.clock = clock;
		this.paging = paging;
		this.messages = messages;
		this.patients = patients;
		this.sessions = sessions;
		this.checkIns = checkIns;
		this.planning = planning;
		this.alerts = alerts;
		this.course = properties.phq9().course();
		this.audit = audit;
	}

	@GetMapping("/messages")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	List<MessageView> messages(@PathVariable UUID patientId) {
		String clinicId = visible(patientId);
		ZoneId zone = zone(patientId);
		this.audit.record(clinicId, patientId, "FOLLOWUP_MESSAGES_READ", "patient/" + patientId + "/messages");
		return this.messages.forPatient(patientId).stream().map((message) -> MessageView.of(message, zone)).toList();
	}

	@PostMapping("/check-ins")
	@PreAuthorize("hasRole('CLINICIAN')")
	@Transactional
	ResponseEntity<CheckInRequested> requestCheckIn(@PathVariable UUID patientId, Principal caller) {
		String clinicId = visible(patientId);
		UUID checkInId = this.planning.extra(patientId, caller.getName());
		this.audit.recordChange(clinicId, patientId, "CHECK_IN_REQUESTED", "check-in/" + checkInId);
		return ResponseEntity.created(URI.create("/api/followup/patients/" + patientId + "/check-ins/" + checkInId))
			.body(new CheckInRequested(checkInId));
	}

	@GetMapping("/phq9")
	@PreAuthorize("hasRole('CLINICIAN')")
	Phq9History phq9(@PathVariable UUID patientId) {
		String clinicId = visible(patientId);
		Integer baseline = this.patients.findInScope(patientId).map(Patient::baselinePhq9).orElse(null);
		ZoneId zone = zone(patientId);
		this.audit.record(clinicId, patientId, "PHQ9_HISTORY_READ", "patient/" + patientId + "/phq9");
		List<Phq9Point> points = this.checkIns.answeredInScope(patientId)
			.stream()
			.map((checkIn) -> Phq9Point.of(checkIn, baseline, zone))
			.toList();
		List<SessionMark> marks = this.sessions.ofPatient(patientId)
			.stream()
			.map((session) -> new SessionMark(session.id(), session.planKind(), session.sequence(),
					session.startsAt().atZone(zone).toOffsetDateTime(), session.status()))
			.toList();
		return new Phq9History(patientId, baseline, this.course.responseThreshold(baseline),
				this.course.remissionBelow(), this.course.worseningPoints(), points, marks);
	}

	@GetMapping("/alerts")
	@PreAuthorize("hasRole('CLINICIAN')")
	List<AlertController.AlertView> alerts(@PathVariable UUID patientId) {
		String clinicId = visible(patientId);
		this.audit.record(clinicId, patientId, "FOLLOWUP_ALERTS_READ", "patient/" + patientId + "/alerts");
		Instant now = this.clock.instant();
		List<Alert> found = this.alerts.ofPatient(patientId);
		Map<UUID, List<Page>> pages = this.paging.pagesOf(found.stream().map(Alert::id).toList());
		return found.stream()
			.map((alert) -> AlertController.AlertView.of(alert, pages.getOrDefault(alert.id(), List.of()), now))
			.toList();
	}

	/**
	 * The patient's clinic, if the patient is one of the caller's clinics (ADR 12); a
	 * patient of another clinic is not found, as an unknown one.
	 */
	private String visible(UUID patientId) {
		return this.patients.clinicInScope(patientId)
			.orElseThrow(() -> new NotFoundException("No patient " + patientId));
	}

	private ZoneId zone(UUID patientId) {
		return this.patients.findInScope(patientId).map(Patient::zone).orElse(ZoneId.of("UTC"));
	}

	/**
	 * A planned or sent message.
	 *
	 * @param messageId the message
	 * @param kind e.g. {@code REMINDER_24H}
	 * @param channel {@code SMS} or {@code EMAIL} once chosen
	 * @param scheduledFor when it goes (went) out, in the patient's zone
	 * @param status e.g. {@code PLANNED}, {@code SENT}
	 * @param statusReason why it was skipped, cancelled or undeliverable
	 * @param sessionId the session it is about
	 * @param checkInId the check-in it links to
	 */
	record MessageView(UUID messageId, String kind, String channel, OffsetDateTime scheduledFor, String status,
			String statusReason, UUID sessionId, UUID checkInId) {

		static MessageView of(Message message, ZoneId zone) {
			return new MessageView(message.id(), message.kind().name(), message.channel(),
					message.scheduledFor().atZone(zone).toOffsetDateTime(), message.status(), message.statusReason(),
					message.sessionId(), message.checkInId());
		}

	}

	/**
	 * A requested check-in.
	 *
	 * @param checkInId its id
	 */
	record CheckInRequested(UUID checkInId) {
	}

	/**
	 * A patient's PHQ-9 course, ready for a chart.
	 *
	 * @param patientId the patient
	 * @param baselinePhq9 the baseline total
	 * @param responseThreshold totals at or below it are a response (50% reduction)
	 * @param remissionBelow totals below it are a remission
	 * @param worseningPoints a rise this large is clinically significant
	 * @param checkIns each answered check-in
	 * @param sessions the sessions, to mark on the time axis
	 */
	record Phq9History(UUID patientId, Integer baselinePhq9, Integer responseThreshold, int remissionBelow,
			int worseningPoints, List<Phq9Point> checkIns, List<SessionMark> sessions) {
	}

	/**
	 * One answered check-in.
	 *
	 * @param checkInId the check-in
	 * @param kind why it was asked
	 * @param answeredAt when
	 * @param phq9Total the total, null if only item 9 was asked
	 * @param phq9Item9 item 9
	 * @param reductionPercent the reduction from baseline in percent
	 * @param status the response status
	 */
	record Phq9Point(UUID checkInId, String kind, OffsetDateTime answeredAt, Integer phq9Total, Integer phq9Item9,
			Integer reductionPercent, String status) {

		static Phq9Point of(CheckIn checkIn, Integer baseline, ZoneId zone) {
			Integer reduction = (baseline != null && baseline > 0 && checkIn.phq9Total() != null)
					? Math.round(100f * (baseline - checkIn.phq9Total()) / baseline) : null;
			return new Phq9Point(checkIn.id(), checkIn.kind().name(),
					checkIn.answeredAt().atZone(zone).toOffsetDateTime(), checkIn.phq9Total(), checkIn.phq9Item9(),
					reduction, checkIn.responseStatus());
		}

	}

	/**
	 * A session on the chart.
	 *
	 * @param sessionId the session
	 * @param planKind {@code INDUCTION} or {@code BOOSTER}
	 * @param sequence its place in its plan
	 * @param startsAt when
	 * @param status its status
	 */
	record SessionMark(UUID sessionId, String planKind, int sequence, OffsetDateTime startsAt, String status) {
	}

}
