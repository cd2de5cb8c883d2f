package org.ketaclinic.scheduling.web;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.waitlist.Waitlist;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The front desk's waitlist: who waits, which slots were freed, and offering one. Each
 * change is audited in its own transaction.
 */
@RestController
@RequestMapping(path = "/api/scheduling", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('FRONT_DESK')")
class WaitlistController {

	private final Waitlist waitlist;

	private final AuditLog audit;

	private final ClinicScope clinicScope;

	WaitlistController(Waitlist waitlist, AuditLog audit, ClinicScope clinicScope) {
		this.waitlist = waitlist;
		this.audit = audit;
		this.clinicScope = clinicScope;
	}

	@GetMapping("/waitlist")
	List<Waitlist.Entry> waiting() {
		List<Waitlist.Entry> waiting = this.waitlist.waiting(this.clinicScope.sqlArray());
		waiting
			.forEach((e) -> this.audit.record(e.clinicId(), e.patientId(), "WAITLIST_READ", "waitlist/" + e.entryId()));
		return waiting;
	}

	@PostMapping(path = "/waitlist", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Waitlist.Entry add(@Valid @RequestBody NewEntry entry, Principal caller) {
		Waitlist.Entry added = this.waitlist.add(entry.planId(), caller.getName(), this.clinicScope.sqlArray());
		this.audit.recordChange(added.clinicId(), added.patientId(), "WAITLIST_ADDED", "waitlist/" + added.entryId());
		return added;
	}

	@PostMapping("/waitlist/{entryId}/removal")
	@Transactional
	void remove(@PathVariable UUID entryId) {
		this.waitlist.remove(entryId, this.clinicScope.sqlArray())
			.ifPresent((removed) -> this.audit.recordChange(removed.clinicId(), removed.patientId(), "WAITLIST_REMOVED",
					"waitlist/" + entryId));
	}

	@PostMapping(path = "/waitlist/{entryId}/booking", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	List<Session> offer(@PathVariable UUID entryId, @Valid @RequestBody Offer offer, Principal caller) {
		List<Session> booked = this.waitlist.offer(entryId, offer.startsAt(), offer.chairId(), caller.getName(),
				this.clinicScope.sqlArray());
		booked.forEach((session) -> this.audit.recordChange(session.clinicId(), session.patientId(),
				"WAITLIST_SLOT_BOOKED", "waitlist/" + entryId + "/session/" + session.id()));
		return booked;
	}

	@GetMapping("/freed-slots")
	List<Waitlist.FreedSlot> freed(@RequestParam UUID locationId) {
		return this.waitlist.freedSlots(locationId, this.clinicScope.sqlArray());
	}

	/**
	 * A plan to put on the waitlist.
	 *
	 * @param planId the plan
	 */
	record NewEntry(@NotNull UUID planId) {
	}

	/**
	 * A freed slot offered.
	 *
	 * @param startsAt its start
	 * @param chairId its chair
	 */
	record Offer(@NotNull OffsetDateTime startsAt, @NotNull UUID chairId) {
	}

}
