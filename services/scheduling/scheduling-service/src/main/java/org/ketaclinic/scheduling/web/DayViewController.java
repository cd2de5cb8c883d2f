package org.ketaclinic.scheduling.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.booking.Sessions;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.clinic.Location;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The front desk's day: every chair of a location with its sessions that day. */
@RestController
@RequestMapping(path = "/api/scheduling", produces = MediaType.APPLICATION_JSON_VALUE)
class DayViewController {

	private final Clinics clinics;

	private final Sessions sessions;

	private final AuditLog audit;

	private final ClinicScope clinicScope;

	DayViewController(Clinics clinics, Sessions sessions, AuditLog audit, ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.clinics = clinics;
		this.sessions = sessions;
		this.audit = audit;
	}

	@GetMapping("/day-view")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	DayView dayView(@RequestParam UUID locationId, @RequestParam LocalDate date) {
		Location location = this.clinics.location(locationId, this.clinicScope.sqlArray())
			.orElseThrow(() -> new NotFoundException("No location " + locationId));
		var day = this.clinics.day(location, date);
		List<Session> sessions = this.sessions.atLocation(locationId, date.atStartOfDay(location.zone()).toInstant(),
				date.plusDays(1).atStartOfDay(location.zone()).toInstant());
		sessions.forEach((s) -> this.audit.record(s.clinicId(), s.patientId(), "DAY_VIEW_READ", "session/" + s.id()));
		List<ChairDay> chairs = this.clinics.chairs(locationId)
			.stream()
			.map((chair) -> new ChairDay(chair.id(), chair.name(), chair.active(),
					sessions.stream()
						.filter((s) -> s.chairId().equals(chair.id()))
						.map((s) -> new SessionOnChair(s.id(), s.planId(), s.patientId(),
								s.startsAt().atZone(location.zone()).toOffsetDateTime(),
								s.endsAt().atZone(location.zone()).toOffsetDateTime(), s.status()))
						.toList()))
			.toList();
		return new DayView(locationId, location.name(), date, location.zone().getId(),
				(day.opens() != null) ? day.opens().toString() : null,
				(day.closes() != null) ? day.closes().toString() : null, chairs);
	}

	@GetMapping("/locations")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN', 'ADMIN')")
	List<LocationView> locations() {
		return this.clinics.locations(this.clinicScope.sqlArray())
			.stream()
			.map((l) -> new LocationView(l.id(), l.name(), l.zone().getId(), l.clinicId(), this.clinics.chairs(l.id())))
			.toList();
	}

	/**
	 * A location and its chairs.
	 *
	 * @param locationId the location
	 * @param name its name
	 * @param timeZone its IANA time zone
	 * @param clinicId the clinic it belongs to (ADR 12)
	 * @param chairs its chairs
	 */
	record LocationView(UUID locationId, String name, String timeZone, String clinicId, List<Clinics.Chair> chairs) {
	}

	/**
	 * A location's day.
	 *
	 * @param locationId the location
	 * @param name its name
	 * @param date the local date
	 * @param timeZone the time zone
	 * @param opens opening time, null when closed
	 * @param closes closing time
	 * @param chairs every chair with its sessions
	 */
	record DayView(UUID locationId, String name, LocalDate date, String timeZone, String opens, String closes,
			List<ChairDay> chairs) {
	}

	/**
	 * A chair's day.
	 *
	 * @param chairId the chair
	 * @param name its name
	 * @param active whether it can be booked
	 * @param sessions its sessions, in time order
	 */
	record ChairDay(UUID chairId, String name, boolean active, List<SessionOnChair> sessions) {
	}

	/**
	 * Who is in the chair when.
	 *
	 * @param sessionId the session
	 * @param planId the plan
	 * @param patientId the patient
	 * @param startsAt start
	 * @param endsAt end
	 * @param status status
	 */
	record SessionOnChair(UUID sessionId, UUID planId, UUID patientId, OffsetDateTime startsAt, OffsetDateTime endsAt,
			String status) {
	}

}
