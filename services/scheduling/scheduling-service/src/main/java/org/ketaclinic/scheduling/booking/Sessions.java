package org.ketaclinic.scheduling.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
						created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
			.params(session.id(), session.planId(), session.patientId(), session.locationId(), session.chairId(),
					session.sequence(), Timestamp.from(session.startsAt()), Timestamp.from(session.endsAt()),
					session.status(), Timestamp.from(now))
			.update();
		this.jdbc.sql("""
				INSERT INTO session_status_history (session_id, status, changed_at, changed_by) VALUES (?, ?, ?, ?)
				""").params(session.id(), session.status(), Timestamp.from(now), by).update();
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
				rs.getTimestamp("ends_at").toInstant(), rs.getString("status"));
	}

}
