package org.ketaclinic.followup.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.ketaclinic.followup.alert.Alert;
import org.ketaclinic.followup.alert.Alerts;
import org.ketaclinic.followup.alert.Page;
import org.ketaclinic.followup.alert.Paging;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The clinicians' alerts inbox: urgent first, each acknowledged with a note. */
@RestController
@RequestMapping(path = "/api/followup/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
class AlertController {

	private final Alerts alerts;

	private final Paging paging;

	private final AuditLog audit;

	private final Clock clock;

	AlertController(Alerts alerts, Paging paging, AuditLog audit, Clock clock) {
		this.alerts = alerts;
		this.paging = paging;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping
	@PreAuthorize("hasRole('CLINICIAN')")
	List<AlertView> list(@RequestParam(defaultValue = "OPEN") String status) {
		if (!List.of("OPEN", "ACKNOWLEDGED").contains(status)) {
			throw new InvalidRequestException("status", "must be OPEN or ACKNOWLEDGED");
		}
		Instant now = this.clock.instant();
		List<Alert> found = this.alerts.withStatus(status);
		found.stream()
			.filter(distinctPatients())
			.forEach((alert) -> this.audit.record(alert.clinicId(), alert.patientId(), "FOLLOWUP_ALERTS_LISTED",
					"alerts?status=" + status));
		Map<UUID, List<Page>> pages = this.paging.pagesOf(found.stream().map(Alert::id).toList());
		return found.stream()
			.map((alert) -> AlertView.of(alert, pages.getOrDefault(alert.id(), List.of()), now))
			.toList();
	}

	@GetMapping("/{alertId}")
	@PreAuthorize("hasRole('CLINICIAN')")
	AlertView get(@PathVariable UUID alertId) {
		Alert alert = this.alerts.findInScope(alertId).orElseThrow(() -> new NotFoundException("No alert " + alertId));
		this.audit.record(alert.clinicId(), alert.patientId(), "FOLLOWUP_ALERT_READ", "alert/" + alertId);
		return view(alert);
	}

	@PostMapping(path = "/{alertId}/acknowledgement", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('CLINICIAN')")
	@Transactional
	AlertView acknowledge(@PathVariable UUID alertId, @Valid @RequestBody Acknowledgement acknowledgement,
			Principal caller) {
		// another clinic's alert is not found, and stays open
		this.alerts.findInScope(alertId).orElseThrow(() -> new NotFoundException("No alert " + alertId));
		Alert alert = this.alerts.acknowledge(alertId, acknowledgement.note().strip(), caller.getName());
		this.audit.recordChange(alert.clinicId(), alert.patientId(), "FOLLOWUP_ALERT_ACKNOWLEDGED", "alert/" + alertId);
		return view(alert);
	}

	private static java.util.function.Predicate<Alert> distinctPatients() {
		java.util.Set<UUID> seen = new java.util.HashSet<>();
		return (alert) -> seen.add(alert.patientId());
	}

	private AlertView view(Alert alert) {
		return AlertView.of(alert, this.paging.pagesOf(List.of(alert.id())).getOrDefault(alert.id(), List.of()),
				this.clock.instant());
	}

	/**
	 * A clinician's acknowledgement.
	 *
	 * @param note what was done or decided
	 */
	record Acknowledgement(@NotBlank @Size(max = 2000) String note) {
	}

	/**
	 * An alert in the inbox.
	 *
	 * @param alertId the alert
	 * @param patientId the patient
	 * @param severity {@code URGENT} or {@code REVIEW}
	 * @param reason what happened
	 * @param reasons its codes
	 * @param checkInId the check-in behind it
	 * @param createdAt when it was raised
	 * @param acknowledgeBy the deadline
	 * @param overdue whether the deadline passed while it was open
	 * @param status {@code OPEN} or {@code ACKNOWLEDGED}
	 * @param acknowledgedAt when
	 * @param acknowledgedBy by whom
	 * @param note the note
	 * @param source what raised it: {@code SCREENING}, {@code CHECK_IN}, {@code PRE_DOSE}
	 * or {@code SMS_REPLY}
	 * @param pages the pages sent about it, oldest first
	 * @param unpaged whether nobody on call could be paged for it (an open urgent alert
	 * with nobody on the roster now)
	 * @param warning what to do about it when unpaged, else null
	 */
	record AlertView(UUID alertId, UUID patientId, String severity, String reason, List<String> reasons, UUID checkInId,
			Instant createdAt, Instant acknowledgeBy, boolean overdue, String status, Instant acknowledgedAt,
			String acknowledgedBy, String note, String source, List<PageView> pages, boolean unpaged, String warning) {

		static final String UNPAGED_WARNING = "Nobody on call could be paged for this urgent alert: call the on-call"
				+ " clinician, and put a primary on the on-call roster.";

		static AlertView of(Alert alert, List<Page> pages, Instant now) {
			boolean overdue = "OPEN".equals(alert.status()) ? now.isAfter(alert.acknowledgeBy())
					: alert.acknowledgedAt().isAfter(alert.acknowledgeBy());
			boolean unpaged = "OPEN".equals(alert.status()) && alert.unpagedSince() != null;
			return new AlertView(alert.id(), alert.patientId(), alert.severity(), alert.reason(), alert.reasons(),
					alert.checkInId(), alert.createdAt(), alert.acknowledgeBy(), overdue, alert.status(),
					alert.acknowledgedAt(), alert.acknowledgedBy(), alert.note(), alert.source(),
					pages.stream().map(PageView::of).toList(), unpaged, unpaged ? UNPAGED_WARNING : null);
		}

	}

	/**
	 * A page about an alert.
	 *
	 * @param pageId the page
	 * @param role who was paged: {@code PRIMARY}, {@code BACKUP} or {@code CLINICIAN}
	 * @param level 1 (primary), 2 (backup) or 3 (everyone)
	 * @param name their name on the roster
	 * @param status its text's status ({@code PLANNED}, {@code SENT}, {@code DELIVERED},
	 * {@code UNDELIVERABLE}, ...)
	 * @param sentAt when it went out, or null
	 * @param acknowledgedAt when the alert was acknowledged, or null
	 */
	record PageView(UUID pageId, String role, int level, String name, String status, Instant sentAt,
			Instant acknowledgedAt) {

		static PageView of(Page page) {
			return new PageView(page.id(), page.role(), page.level(), page.name(), page.status(), page.sentAt(),
					page.acknowledgedAt());
		}

	}

}
