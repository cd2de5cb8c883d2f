package org.ketaclinic.followup.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.followup.alert.OnCallRoster;
import org.ketaclinic.followup.policy.OnCall;
import org.ketaclinic.followup.policy.OnCallRole;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The on-call roster that urgent alerts page: administrators add and remove entries,
 * clinicians see who is on call. Each entry belongs to a clinic (ADR 12): staff list and
 * remove their clinics' entries only (another clinic's entry is 404), and a new entry
 * goes to the clinic the request names ({@code clinicId}, one of the caller's) or the
 * caller's only clinic. Adding is safe to retry with {@code Idempotency-Key}. A clinic's
 * last primary on call now cannot be removed (409): its urgent alerts would page nobody.
 */
@RestController
@RequestMapping(path = "/api/followup/on-call", produces = MediaType.APPLICATION_JSON_VALUE)
class OnCallController {

	private static final String E164 = "\\+[1-9][0-9]{6,14}";

	private final OnCallRoster roster;

	private final AuditLog audit;

	private final ClinicScope clinics;

	OnCallController(OnCallRoster roster, AuditLog audit, ClinicScope clinics) {
		this.roster = roster;
		this.audit = audit;
		this.clinics = clinics;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'CLINICIAN')")
	List<EntryView> list() {
		this.audit.record(null, "ON_CALL_LISTED", "on-call");
		return this.roster.entriesOf(this.clinics.sqlArray()).stream().map(EntryView::of).toList();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	ResponseEntity<EntryView> add(@RequestBody NewEntry entry, Principal caller) {
		List<FieldError> errors = new ArrayList<>();
		UUID locationId = null;
		if (entry.locationId() != null && !entry.locationId().isBlank()) {
			try {
				locationId = UUID.fromString(entry.locationId().strip());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError("locationId", "must be a location id (UUID), or null for clinic-wide"));
			}
		}
		OnCallRole role = null;
		if (entry.role() == null || entry.role().isBlank()) {
			errors.add(new FieldError("role", "is required: PRIMARY, BACKUP or CLINICIAN"));
		}
		else {
			try {
				role = OnCallRole.valueOf(entry.role().strip());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError("role", "must be PRIMARY, BACKUP or CLINICIAN"));
			}
		}
		String name = (entry.name() != null) ? entry.name().strip() : "";
		if (name.isEmpty() || name.length() > 200) {
			errors.add(new FieldError("name", "is required, at most 200 characters"));
		}
		String phone = (entry.phone() != null) ? entry.phone().strip() : "";
		if (!phone.matches(E164)) {
			errors.add(new FieldError("phone", "must be a mobile number in E.164 form, e.g. +15550100911"));
		}
		Instant from = time("from", entry.from(), errors);
		Instant until = time("until", entry.until(), errors);
		if (from != null && until != null && !from.isBefore(until)) {
			errors.add(new FieldError("until", "must be after from"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		String clinicId = this.clinics.forNewRecord(entry.clinicId(), "clinicId");
		OnCall.Entry added = this.roster.add(UUID.randomUUID(), clinicId, locationId, role, name, phone, from, until,
				caller.getName());
		this.audit.recordChange(clinicId, null, "ON_CALL_ADDED", "on-call/" + added.id());
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/followup/on-call/" + added.id()))
			.body(EntryView.of(added));
	}

	@DeleteMapping("/{entryId}")
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	ResponseEntity<Void> remove(@PathVariable UUID entryId, Principal caller) {
		OnCall.Entry entry = this.roster.find(entryId, this.clinics.sqlArray()).orElse(null);
		if (entry == null) {
			// removed before (a retry), or another clinic's: the same answer as for an
			// unknown id, so an id never confirms another clinic's roster
			if (this.roster.wasRemoved(entryId, this.clinics.sqlArray())) {
				return ResponseEntity.noContent().build();
			}
			throw new NotFoundException("No on-call entry " + entryId);
		}
		if (this.roster.isLastPrimaryOnCall(entry)) {
			throw new ConflictException("A primary must stay on call: this is the clinic's only primary on call now."
					+ " Add another primary covering now, then remove this entry.");
		}
		this.roster.remove(entryId, this.clinics.sqlArray(), caller.getName());
		this.audit.recordChange(entry.clinicId(), null, "ON_CALL_REMOVED", "on-call/" + entryId);
		return ResponseEntity.noContent().build();
	}

	private static Instant time(String field, String value, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(
					new FieldError(field, "must be an ISO-8601 date-time with offset, e.g. 2027-03-01T08:00:00-05:00"));
			return null;
		}
	}

	/**
	 * A new roster entry, as sent.
	 *
	 * @param locationId the location, or null for clinic-wide
	 * @param role {@code PRIMARY}, {@code BACKUP} or {@code CLINICIAN}
	 * @param name who
	 * @param phone their mobile number, E.164
	 * @param from from when (ISO-8601 with offset), or null
	 * @param until until when, or null
	 * @param clinicId the clinic whose alerts it pages: one of the caller's; optional for
	 * a caller of one clinic
	 */
	record NewEntry(String locationId, String role, String name, String phone, String from, String until,
			String clinicId) {
	}

	/**
	 * A roster entry.
	 *
	 * @param entryId the entry
	 * @param clinicId its clinic
	 * @param locationId the location, null for clinic-wide
	 * @param role its role
	 * @param name who
	 * @param phone their number
	 * @param from from when, or null
	 * @param until until when, or null
	 */
	record EntryView(UUID entryId, String clinicId, UUID locationId, String role, String name, String phone,
			OffsetDateTime from, OffsetDateTime until) {

		static EntryView of(OnCall.Entry entry) {
			return new EntryView(entry.id(), entry.clinicId(), entry.locationId(), entry.role().name(), entry.name(),
					entry.phone(), utc(entry.from()), utc(entry.until()));
		}

		private static OffsetDateTime utc(Instant instant) {
			return (instant != null) ? instant.atOffset(java.time.ZoneOffset.UTC) : null;
		}

	}

}
