package org.ketaclinic.scheduling.clinic;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Locations, their chairs, opening hours, closures and staff. */
@Repository
public class Clinics {

	private final JdbcClient jdbc;

	Clinics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every location of every clinic (system use). */
	public List<Location> locations() {
		return this.jdbc.sql("SELECT id, name, time_zone, clinic_id FROM location ORDER BY name")
			.query(Clinics::row)
			.list();
	}

	/** The locations of these clinics (the caller's, ADR 12). */
	public List<Location> locations(String[] clinics) {
		return this.jdbc
			.sql("SELECT id, name, time_zone, clinic_id FROM location WHERE clinic_id = ANY(?) ORDER BY name")
			.param(clinics)
			.query(Clinics::row)
			.list();
	}

	/** The locations of one clinic, e.g. a plan's. */
	public List<Location> locationsOf(String clinicId) {
		return locations(new String[] { clinicId });
	}

	/**
	 * A location of one of these clinics; empty for another clinic's, as for an unknown
	 * id.
	 */
	public Optional<Location> location(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT id, name, time_zone, clinic_id FROM location WHERE id = ? AND clinic_id = ANY(?)")
			.params(id, clinics)
			.query(Clinics::row)
			.optional();
	}

	private static Location row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Location(rs.getObject(1, UUID.class), rs.getString(2), ZoneId.of(rs.getString(3)), rs.getString(4));
	}

	/**
	 * Locks a location of these clinics: bookings at one location are checked and written
	 * one at a time.
	 */
	public void lock(UUID locationId, String[] clinics) {
		this.jdbc.sql("SELECT id FROM location WHERE id = ? AND clinic_id = ANY(?) FOR UPDATE")
			.params(locationId, clinics)
			.query(UUID.class)
			.single();
	}

	/**
	 * The location of a chair of one of these clinics; empty for another clinic's chair,
	 * as for an unknown one.
	 */
	public Optional<UUID> locationOfChair(UUID chairId, String[] clinics) {
		return this.jdbc
			.sql("SELECT c.location_id FROM chair c JOIN location l ON l.id = c.location_id"
					+ " WHERE c.id = ? AND l.clinic_id = ANY(?)")
			.params(chairId, clinics)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Whether a chair exists in any clinic: only to tell an unknown chair (a mistake in
	 * the request, 400) from another clinic's (404, ADR 12); never to read one.
	 */
	public boolean chairExists(UUID chairId) {
		return this.jdbc.sql("SELECT count(*) FROM chair WHERE id = ?").param(chairId).query(Long.class).single() > 0;
	}

	/**
	 * The clinic of a row already loaded, as the clinics a follow-up read filters by: a
	 * command keeps reading within the clinic of what it loaded through the caller's
	 * clinics, and a system path within the clinic of the row it acts on.
	 */
	public static String[] only(String clinicId) {
		return new String[] { clinicId };
	}

	public List<Chair> chairs(UUID locationId) {
		return this.jdbc.sql("SELECT id, name, active FROM chair WHERE location_id = ? ORDER BY name")
			.param(locationId)
			.query((rs, row) -> new Chair(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)))
			.list();
	}

	/** Everything needed to decide whether sessions fit at a location on a local date. */
	public ClinicDay day(Location location, LocalDate date) {
		int dayOfWeek = date.getDayOfWeek().getValue();
		boolean closed = this.jdbc.sql("SELECT count(*) FROM closure WHERE location_id = ? AND day = ?")
			.params(location.id(), date)
			.query(Integer.class)
			.single() > 0;
		LocalTime[] hours = this.jdbc
			.sql("SELECT opens, closes FROM opening_hours WHERE location_id = ? AND day_of_week = ?")
			.params(location.id(), dayOfWeek)
			.query((rs, row) -> new LocalTime[] { rs.getObject(1, LocalTime.class), rs.getObject(2, LocalTime.class) })
			.optional()
			.orElse(null);
		List<UUID> chairs = this.jdbc.sql("SELECT id FROM chair WHERE location_id = ? AND active ORDER BY name")
			.param(location.id())
			.query(UUID.class)
			.list();
		ZonedDateTime dayStart = date.atStartOfDay(location.zone());
		ZonedDateTime dayEnd = date.plusDays(1).atStartOfDay(location.zone());
		List<ClinicDay.Occupied> sessions = this.jdbc.sql("""
				SELECT id, chair_id, starts_at, ends_at FROM session
				WHERE location_id = ? AND status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED')
					AND starts_at < ? AND ends_at > ?
				""")
			.params(location.id(), Timestamp.from(dayEnd.toInstant()), Timestamp.from(dayStart.toInstant()))
			.query((rs, row) -> new ClinicDay.Occupied(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant().atZone(location.zone()),
					rs.getTimestamp(4).toInstant().atZone(location.zone())))
			.list();
		return new ClinicDay(location.id(), location.zone(), date, (closed || hours == null) ? null : hours[0],
				(closed || hours == null) ? null : hours[1], chairs,
				windows(location.id(), "NURSE", date.getDayOfWeek()),
				windows(location.id(), "PRESCRIBER", date.getDayOfWeek()), sessions);
	}

	private List<ClinicDay.Window> windows(UUID locationId, String role, DayOfWeek day) {
		return this.jdbc.sql("""
				SELECT h.starts, h.ends FROM staff s JOIN staff_hours h ON h.staff_id = s.id
				WHERE s.location_id = ? AND s.role = ? AND h.day_of_week = ?
				""")
			.params(locationId, role, day.getValue())
			.query((rs, row) -> new ClinicDay.Window(rs.getObject(1, LocalTime.class),
					rs.getObject(2, LocalTime.class)))
			.list();
	}

	/**
	 * A treatment chair or room.
	 *
	 * @param id the chair
	 * @param name its name
	 * @param active whether it can be booked
	 */
	public record Chair(UUID id, String name, boolean active) {
	}

}
