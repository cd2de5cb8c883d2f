package org.ketaclinic.scheduling.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All sessions, with their status history. */
@Repository
public class Sessions {

	private final JdbcClient jdbc;

	Sessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a booked session; the exclusion constraints refuse a chair or patient already
	 * taken.
	 */
	void add(Session session, Instant now, String by) {
		this.jdbc
			.sql("""
					INSERT INTO session (id, plan_id, patient_id, location_id, chair_id, sequence, starts_at, ends_at, status,
						created_at, clinic_id, version)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
					""")
			.params(session.id(), session.planId(), session.patientId(), session.locationId(), session.chairId(),
					session.sequence(), Timestamp.from(session.startsAt()), Timestamp.from(session.endsAt()),
					session.status(), Timestamp.from(now), session.clinicId())
			.update();
		this.jdbc.sql("""
				INSERT INTO session_status_history (session_id, status, changed_at, changed_by) VALUES (?, ?, ?, ?)
				""").params(session.id(), session.status(), Timestamp.from(now), by).update();
	}

	/**
	 * A session of one of these clinics (the caller's, ADR 12); empty for another
	 * clinic's session, exactly as for an unknown id.
	 */
	public Optional<Session> find(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM session WHERE id = ? AND clinic_id = ANY(?)")
			.params(id, clinics)
			.query(Sessions::session)
			.optional();
	}

	/** A session of any clinic (system use: jobs and event listeners). */
	public Optional<Session> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM session WHERE id = ?").param(id).query(Sessions::session).optional();
	}

	/**
	 * A session of one of these clinics, locked; empty for another clinic's, exactly as
	 * for an unknown id (ADR 12).
	 */
	public Optional<Session> lock(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM session WHERE id = ? AND clinic_id = ANY(?) FOR UPDATE")
			.params(id, clinics)
			.query(Sessions::session)
			.optional();
	}

	/**
	 * Moves a session (a new version); a pre-dose check taken before the move no longer
	 * counts.
	 */
	void move(UUID id, UUID chairId, Instant startsAt, Instant endsAt, Instant at) {
		this.jdbc.sql("UPDATE session SET chair_id = ?, starts_at = ?, ends_at = ?, version = version + 1 WHERE id = ?")
			.params(chairId, Timestamp.from(startsAt), Timestamp.from(endsAt), id)
			.update();
		voidPreDoseCheck(id, at, "RESCHEDULED");
	}

	/**
	 * Changes a session's status (a new version) and keeps the change in its history. A
	 * session leaving {@code CHECKED_IN} other than by its start (corrected, cancelled,
	 * stopped) loses its pre-dose check: the next check-in needs a new one.
	 */
	void changeStatus(UUID id, String status, Instant at, String by, String reason) {
		this.jdbc.sql("UPDATE session SET status = ?, version = version + 1 WHERE id = ?").params(status, id).update();
		this.jdbc
			.sql("INSERT INTO session_status_history (session_id, status, changed_at, changed_by, reason)"
					+ " VALUES (?, ?, ?, ?, ?)")
			.params(id, status, Timestamp.from(at), by, reason)
			.update();
		if (!"IN_PROGRESS".equals(status) && !"COMPLETED".equals(status)) {
			voidPreDoseCheck(id, at, "STATUS_" + status);
		}
	}

	/**
	 * The session's version: 1 when booked, one more with every change. Read in the
	 * transaction that changed it, it is the version the change's event carries
	 * ({@code sessionVersion}), so consumers apply only newer state (issue 19).
	 */
	public long version(UUID id) {
		return this.jdbc.sql("SELECT version FROM session WHERE id = ?").param(id).query(Long.class).single();
	}

	private void voidPreDoseCheck(UUID id, Instant at, String reason) {
		this.jdbc.sql("""
				UPDATE session_record SET pre_dose_voided_at = ?, pre_dose_void_reason = ?
				WHERE session_id = ? AND pre_dose_voided_at IS NULL AND completed_at IS NULL
				""").params(Timestamp.from(at), reason, id).update();
	}

	/**
	 * When the session last went into a status, from its history (this service's clock);
	 * empty if it never did.
	 */
	public Optional<Instant> lastChangedTo(UUID id, String status) {
		return this.jdbc
			.sql("SELECT changed_at FROM session_status_history WHERE session_id = ? AND status = ?"
					+ " ORDER BY id DESC LIMIT 1")
			.params(id, status)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/** Booked sessions that started before the cut-off and nobody checked in. */
	List<Session> bookedAndStartedBefore(Instant cutOff, int limit) {
		return this.jdbc
			.sql("SELECT * FROM session WHERE status = 'BOOKED' AND starts_at < ? ORDER BY starts_at LIMIT ?")
			.params(Timestamp.from(cutOff), limit)
			.query(Sessions::session)
			.list();
	}

	/**
	 * The start of the patient's latest session of another plan before a time, if any.
	 */
	Optional<Instant> lastOtherSessionBefore(UUID patientId, UUID planId, Instant before) {
		return this.jdbc
			.sql("SELECT max(starts_at) FROM session WHERE patient_id = ? AND plan_id <> ? AND starts_at < ?"
					+ " AND status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED')")
			.params(patientId, planId, Timestamp.from(before))
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/** Every status a session has had, oldest first. */
	public List<StatusChange> history(UUID id) {
		return this.jdbc
			.sql("SELECT status, changed_at, changed_by, reason FROM session_status_history"
					+ " WHERE session_id = ? ORDER BY id")
			.param(id)
			.query((rs, row) -> new StatusChange(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4)))
			.list();
	}

	/**
	 * A status a session had.
	 *
	 * @param status the status
	 * @param changedAt when
	 * @param changedBy who
	 * @param reason why, if given
	 */
	public record StatusChange(String status, Instant changedAt, String changedBy, String reason) {
	}

	/** A plan's sessions of these clinics, locked, in time order. */
	List<Session> lockOfPlan(UUID planId, String[] clinics) {
		return this.jdbc
			.sql("SELECT * FROM session WHERE plan_id = ? AND clinic_id = ANY(?) ORDER BY starts_at FOR UPDATE")
			.params(planId, clinics)
			.query(Sessions::session)
			.list();
	}

	public List<Session> ofPlan(UUID planId) {
		return this.jdbc.sql("SELECT * FROM session WHERE plan_id = ? ORDER BY starts_at")
			.param(planId)
			.query(Sessions::session)
			.list();
	}

	/** Sessions at a location that overlap an interval, by chair and time. */
	public List<Session> atLocation(UUID locationId, Instant from, Instant to) {
		return this.jdbc
			.sql("""
					SELECT * FROM session WHERE location_id = ? AND starts_at < ? AND ends_at > ? ORDER BY chair_id, starts_at
					""")
			.params(locationId, Timestamp.from(to), Timestamp.from(from))
			.query(Sessions::session)
			.list();
	}

	private static Session session(ResultSet rs, int row) throws SQLException {
		return new Session(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class),
				rs.getObject("patient_id", UUID.class), rs.getObject("location_id", UUID.class),
				rs.getObject("chair_id", UUID.class), rs.getInt("sequence"), rs.getTimestamp("starts_at").toInstant(),
				rs.getTimestamp("ends_at").toInstant(), rs.getString("status"), rs.getString("clinic_id"));
	}

}
