package org.ketaclinic.scheduling.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.ketaclinic.scheduling.clinic.ClinicSetup;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.clinic.Location;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators set up locations, opening hours, closures, chairs and staff. */
@RestController
@RequestMapping(path = "/api/scheduling", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('ADMIN')")
class ClinicSetupController {

	private final ClinicSetup setup;

	ClinicSetupController(ClinicSetup setup) {
		this.setup = setup;
	}

	@PostMapping(path = "/locations", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Location addLocation(@Valid @RequestBody NewLocation location) {
		return this.setup.addLocation(location.name(), location.timeZone(), location.openingHours(),
				location.clinicId());
	}

	@PutMapping(path = "/locations/{locationId}/opening-hours", consumes = MediaType.APPLICATION_JSON_VALUE)
	void openingHours(@PathVariable UUID locationId, @RequestBody List<ClinicSetup.Hours> hours) {
		this.setup.replaceOpeningHours(locationId, hours);
	}

	@PostMapping(path = "/locations/{locationId}/closures", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	void closure(@PathVariable UUID locationId, @Valid @RequestBody Closure closure) {
		this.setup.addClosure(locationId, closure.date(), closure.reason());
	}

	@PostMapping(path = "/locations/{locationId}/chairs", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Clinics.Chair chair(@PathVariable UUID locationId, @Valid @RequestBody NewChair chair) {
		return this.setup.addChair(locationId, chair.name());
	}

	@PutMapping(path = "/chairs/{chairId}/active", consumes = MediaType.APPLICATION_JSON_VALUE)
	void chairActive(@PathVariable UUID chairId, @Valid @RequestBody Active active) {
		this.setup.setChairActive(chairId, active.active());
	}

	@PostMapping(path = "/locations/{locationId}/staff", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	StaffAdded staff(@PathVariable UUID locationId, @Valid @RequestBody NewStaff staff) {
		return new StaffAdded(this.setup.addStaff(locationId, staff.name(), staff.role(), staff.hours()));
	}

	/**
	 * A new location.
	 *
	 * @param name its name
	 * @param timeZone its IANA time zone
	 * @param openingHours its weekly opening hours
	 * @param clinicId the clinic it belongs to: one of the administrator's, optional for
	 * an administrator of one clinic
	 */
	record NewLocation(@NotBlank @Size(max = 100) String name, @NotBlank String timeZone,
			@NotNull List<ClinicSetup.Hours> openingHours, @Size(max = 100) String clinicId) {
	}

	/**
	 * A day the location is closed.
	 *
	 * @param date the local date
	 * @param reason why (e.g. a holiday)
	 */
	record Closure(@NotNull LocalDate date, @NotBlank @Size(max = 200) String reason) {
	}

	/**
	 * A new chair or room.
	 *
	 * @param name its name
	 */
	record NewChair(@NotBlank @Size(max = 60) String name) {
	}

	/**
	 * Whether a chair can be booked.
	 *
	 * @param active true to allow bookings
	 */
	record Active(@NotNull Boolean active) {
	}

	/**
	 * A member of staff.
	 *
	 * @param name their name
	 * @param role PRESCRIBER or NURSE
	 * @param hours their weekly working hours
	 */
	record NewStaff(@NotBlank @Size(max = 100) String name, @NotBlank String role,
			@NotNull List<ClinicSetup.Hours> hours) {
	}

	/**
	 * A member of staff added.
	 *
	 * @param staffId their id
	 */
	record StaffAdded(UUID staffId) {
	}

}
