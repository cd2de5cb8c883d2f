package org.ketaclinic.scheduling.clinic;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators set a clinic up: locations with their time zone and opening hours,
 * closures, chairs, and staff with their working hours. Each command is safe to repeat:
 * the same name answers the existing record.
 */
@Service
public class ClinicSetup {

	private final JdbcClient jdbc;

	private final Clinics clinics;

	private final ClinicScope clinicScope;

	ClinicSetup(JdbcClient jdbc, Clinics clinics, ClinicScope clinicScope) {
		this.jdbc = jdbc;
		this.clinics = clinics;
		this.clinicScope = clinicScope;
	}

	/**
	 * Adds a location to a clinic: the one named, which must be the administrator's, or
	 * their only clinic.
	 */
	@Transactional
	public Location addLocation(String name, String timeZone, List<Hours> openingHours, String clinicId) {
		try {
			ZoneId.of(timeZone);
		}
		catch (DateTimeException ex) {
			throw new InvalidRequestException("timeZone", "must be an IANA time zone, e.g. America/New_York");
		}
		check("openingHours", openingHours);
		String clinic = this.clinicScope.forNewRecord(clinicId, "clinicId");
		// names are unique within a clinic (V9): another clinic may have one of the same
		// name, and the same name again in this clinic answers the location it has
		this.jdbc
			.sql("INSERT INTO location (id, name, time_zone, clinic_id) VALUES (?, ?, ?, ?)"
					+ " ON CONFLICT (clinic_id, name) DO NOTHING")
			.params(UUID.randomUUID(), name, timeZone, clinic)
			.update();
		UUID id = this.jdbc.sql("SELECT id FROM location WHERE name = ? AND clinic_id = ?")
			.params(name, clinic)
			.query(UUID.class)
			.single();
		replaceOpeningHours(id, openingHours);
		return this.clinics.location(id, Clinics.only(clinic)).orElseThrow();
	}

	@Transactional
	public void replaceOpeningHours(UUID locationId, List<Hours> hours) {
		requireLocation(locationId);
		check("openingHours", hours);
		this.jdbc.sql("DELETE FROM opening_hours WHERE location_id = ?").param(locationId).update();
		for (Hours h : hours) {
			this.jdbc.sql("INSERT INTO opening_hours (location_id, day_of_week, opens, closes) VALUES (?, ?, ?, ?)")
				.params(locationId, h.dayOfWeek(), h.starts(), h.ends())
				.update();
		}
	}

	@Transactional
	public void addClosure(UUID locationId, LocalDate day, String reason) {
		requireLocation(locationId);
		this.jdbc.sql("""
				INSERT INTO closure (id, location_id, day, reason) VALUES (?, ?, ?, ?)
				ON CONFLICT (location_id, day) DO UPDATE SET reason = excluded.reason
				""").params(UUID.randomUUID(), locationId, day, reason).update();
	}

	@Transactional
	public Clinics.Chair addChair(UUID locationId, String name) {
		requireLocation(locationId);
		this.jdbc.sql("INSERT INTO chair (id, location_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(UUID.randomUUID(), locationId, name)
			.update();
		return this.clinics.chairs(locationId).stream().filter((c) -> c.name().equals(name)).findFirst().orElseThrow();
	}

	@Transactional
	public void setChairActive(UUID chairId, boolean active) {
		if (this.jdbc
			.sql("UPDATE chair SET active = ? WHERE id = ? AND location_id IN (SELECT id FROM location"
					+ " WHERE clinic_id = ANY(?))")
			.params(active, chairId, this.clinicScope.sqlArray())
			.update() == 0) {
			throw new NotFoundException("No chair " + chairId);
		}
	}

	@Transactional
	public UUID addStaff(UUID locationId, String name, String role, List<Hours> hours) {
		requireLocation(locationId);
		if (!"PRESCRIBER".equals(role) && !"NURSE".equals(role)) {
			throw new InvalidRequestException("role", "must be PRESCRIBER or NURSE");
		}
		check("hours", hours);
		this.jdbc.sql("INSERT INTO staff (id, location_id, name, role) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
			.params(UUID.randomUUID(), locationId, name, role)
			.update();
		UUID staffId = this.jdbc.sql("SELECT id FROM staff WHERE location_id = ? AND name = ?")
			.params(locationId, name)
			.query(UUID.class)
			.single();
		this.jdbc.sql("DELETE FROM staff_hours WHERE staff_id = ?").param(staffId).update();
		for (Hours h : hours) {
			this.jdbc.sql("INSERT INTO staff_hours (staff_id, day_of_week, starts, ends) VALUES (?, ?, ?, ?)")
				.params(staffId, h.dayOfWeek(), h.starts(), h.ends())
				.update();
		}
		return staffId;
	}

	private void requireLocation(UUID locationId) {
		// another clinic's location answers like an unknown one (ADR 12)
		this.clinics.location(locationId, this.clinicScope.sqlArray())
			.orElseThrow(() -> new NotFoundException("No location " + locationId));
	}

	private static void check(String field, List<Hours> hours) {
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < hours.size(); i++) {
			Hours h = hours.get(i);
			if (h.dayOfWeek() < 1 || h.dayOfWeek() > 7) {
				errors.add(new FieldError(field + "[" + i + "].dayOfWeek", "must be 1 (Monday) to 7 (Sunday)"));
			}
			if (h.starts() == null || h.ends() == null || !h.ends().isAfter(h.starts())) {
				errors.add(new FieldError(field + "[" + i + "]", "must end after it starts"));
			}
			for (int j = 0; j < i; j++) {
				if (hours.get(j).dayOfWeek() == h.dayOfWeek()) {
					errors.add(new FieldError(field + "[" + i + "].dayOfWeek", "is given twice"));
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

	/**
	 * Hours on one day of the week.
	 *
	 * @param dayOfWeek 1 (Monday) to 7 (Sunday)
	 * @param starts local start
	 * @param ends local end
	 */
	public record Hours(int dayOfWeek, LocalTime starts, LocalTime ends) {
	}

}
