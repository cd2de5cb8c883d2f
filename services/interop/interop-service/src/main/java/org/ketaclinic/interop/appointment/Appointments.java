package org.ketaclinic.interop.appointment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each session as scheduling's events last described it. A change carries the session's
 * version: one no newer than the version held changes no status, though it may still fill
 * in what the row lacks (a replayed booking after its cancellation).
 */
@Repository
public class Appointments {

	/** Where a session stands, as scheduling names it. */
	public enum Status {

		BOOKED, CHECKED_IN, IN_PROGRESS, COMPLETED, CANCELLED, MISSED

	}

	/**
	 * A session.
	 *
	 * @param sessionId the session
	 * @param patientId its patient
	 * @param clinicId their clinic
	 * @param planId its plan, or null
	 * @param sequence its place in the series, or null
	 * @param protocol its protocol's name, or null
	 * @param locationId where, or null
	 * @param chairId in which chair, or null
	 * @param startsAt when it starts, or null
	 * @param endsAt when it ends, or null
	 * @param timeZone the location's zone, or null
	 * @param status where it stands
	 * @param cancellationReason why it was cancelled, or null
	 * @param version the session's version last applied, or null
	 * @param updatedAt when this service last changed it
	 */
	public record Appointment(UUID sessionId, UUID patientId, String clinicId, UUID planId, Integer sequence,
			String protocol, UUID locationId, UUID chairId, Instant startsAt, Instant endsAt, String timeZone,
			Status status, String cancellationReason, Long version, Instant updatedAt) {
	}

	/**
	 * What one event says of a session; a null field says nothing of it.
	 *
	 * @param sessionId the session
	 * @param patientId its patient
	 * @param clinicId their clinic
	 * @param version the session's version the event carries, or null (written before
	 * versions: applied in order of arrival)
	 * @param status where it now stands
	 * @param planId its plan
	 * @param sequence its place in the series
	 * @param protocol its protocol's name
	 * @param locationId where
	 * @param chairId in which chair
	 * @param startsAt when it starts
	 * @param endsAt when it ends
	 * @param timeZone the location's zone
	 * @param cancellationReason why it was cancelled
	 */
	public record Change(UUID sessionId, UUID patientId, String clinicId, Long version, Status status, UUID planId,
			Integer sequence, String protocol, UUID locationId, UUID chairId, Instant startsAt, Instant endsAt,
			String timeZone, String cancellationReason) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Appointments(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Applies a change: a newer one (or one without a version) sets the status and
	 * everything it says; an older one only fills in what is missing.
	 * @return whether the change was newer than what was held (false: stale)
	 */
	@Transactional
	public boolean apply(Change change) {
		Optional<Appointment> held = this.jdbc.sql("SELECT * FROM appointment WHERE session_id = ? FOR UPDATE")
			.param(change.sessionId())
			.query(Appointments::appointment)
			.optional();
		Instant now = this.clock.instant();
		if (held.isEmpty()) {
			this.jdbc
				.sql("""
						INSERT INTO appointment (session_id, patient_id, clinic_id, plan_id, sequence, protocol, location_id,
						                         chair_id, starts_at, ends_at, time_zone, status, cancellation_reason,
						                         session_version, updated_at)
						VALUES (:session, :patient, :clinic, :plan, :sequence, :protocol, :location, :chair, :starts_at,
						        :ends_at, :zone, :status, :reason, :version, :now)
						""")
				.param("session", change.sessionId())
				.param("patient", change.patientId())
				.param("clinic", change.clinicId())
				.param("plan", change.planId())
				.param("sequence", change.sequence())
				.param("protocol", change.protocol())
				.param("location", change.locationId())
				.param("chair", change.chairId())
				.param("starts_at", timestamp(change.startsAt()))
				.param("ends_at", timestamp(change.endsAt()))
				.param("zone", change.timeZone())
				.param("status", change.status().name())
				.param("reason", change.cancellationReason())
				.param("version", change.version())
				.param("now", Timestamp.from(now))
				.update();
			return true;
		}
		Appointment old = held.get();
		boolean newer = old.version() == null || change.version() == null || old.version() < change.version();
		Appointment merged = newer
				? new Appointment(old.sessionId(), old.patientId(), change.clinicId(),
						either(change.planId(), old.planId()), either(change.sequence(), old.sequence()),
						either(change.protocol(), old.protocol()), either(change.locationId(), old.locationId()),
						either(change.chairId(), old.chairId()), either(change.startsAt(), old.startsAt()),
						either(change.endsAt(), old.endsAt()), either(change.timeZone(), old.timeZone()),
						change.status(), (change.status() == Status.CANCELLED) ? change.cancellationReason() : null,
						either(change.version(), old.version()), now)
				: new Appointment(old.sessionId(), old.patientId(), old.clinicId(),
						either(old.planId(), change.planId()), either(old.sequence(), change.sequence()),
						either(old.protocol(), change.protocol()), either(old.locationId(), change.locationId()),
						either(old.chairId(), change.chairId()), either(old.startsAt(), change.startsAt()),
						either(old.endsAt(), change.endsAt()), either(old.timeZone(), change.timeZone()), old.status(),
						old.cancellationReason(), old.version(), old.updatedAt());
		if (!merged.equals(old)) {
			this.jdbc.sql("""
					UPDATE appointment SET clinic_id = :clinic, plan_id = :plan, sequence = :sequence,
					    protocol = :protocol, location_id = :location, chair_id = :chair, starts_at = :starts_at,
					    ends_at = :ends_at, time_zone = :zone, status = :status, cancellation_reason = :reason,
					    session_version = :version, updated_at = :now
					WHERE session_id = :session
					""")
				.param("session", merged.sessionId())
				.param("clinic", merged.clinicId())
				.param("plan", merged.planId())
				.param("sequence", merged.sequence())
				.param("protocol", merged.protocol())
				.param("location", merged.locationId())
				.param("chair", merged.chairId())
				.param("starts_at", timestamp(merged.startsAt()))
				.param("ends_at", timestamp(merged.endsAt()))
				.param("zone", merged.timeZone())
				.param("status", merged.status().name())
				.param("reason", merged.cancellationReason())
				.param("version", merged.version())
				.param("now", Timestamp.from(now))
				.update();
		}
		return newer;
	}

	/** A patient's sessions in the given clinics, by start. */
	public List<Appointment> ofPatient(UUID patientId, String[] clinics) {
		return this.jdbc.sql("""
				SELECT * FROM appointment WHERE patient_id = ? AND clinic_id = ANY (?)
				ORDER BY starts_at NULLS LAST, sequence, session_id
				""").param(patientId).param(clinics).query(Appointments::appointment).list();
	}

	private static <T> T either(T preferred, T otherwise) {
		return (preferred != null) ? preferred : otherwise;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Appointment appointment(ResultSet rs, int row) throws SQLException {
		return new Appointment(rs.getObject("session_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getString("clinic_id"), rs.getObject("plan_id", UUID.class), (Integer) rs.getObject("sequence"),
				rs.getString("protocol"), rs.getObject("location_id", UUID.class), rs.getObject("chair_id", UUID.class),
				instant(rs, "starts_at"), instant(rs, "ends_at"), rs.getString("time_zone"),
				Status.valueOf(rs.getString("status")), rs.getString("cancellation_reason"),
				(Long) rs.getObject("session_version"), rs.getTimestamp("updated_at").toInstant());
	}

}
