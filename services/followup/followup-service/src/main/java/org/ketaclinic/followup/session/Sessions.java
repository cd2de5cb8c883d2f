package org.ketaclinic.followup.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.scheduling.events.SessionBooked;
import org.ketaclinic.scheduling.events.TreatmentPlanCreated;
import org.ketaclinic.platform.security.InCallersClinics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Follow-up's copy of plans and sessions. */
@Repository
public class Sessions {

	private static final String SELECT = """
			SELECT s.*, COALESCE(p.kind, 'INDUCTION') AS plan_kind FROM session s LEFT JOIN plan p ON p.plan_id = s.plan_id
			""";

	private final JdbcClient jdbc;

	private final ClinicScope scope;

	Sessions(JdbcClient jdbc, ClinicScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	/**
	 * Keeps a plan, unless its stored version is as new or newer (issue 19).
	 * @return whether it was applied
	 */
	public boolean planCreated(TreatmentPlanCreated plan) {
		return this.jdbc.sql("""
				INSERT INTO plan (plan_id, patient_id, protocol, kind, sessions_planned, clinic_id, version)
				VALUES (:planId, :patientId, :protocol, :kind, :sessionsPlanned,
					COALESCE((SELECT p.clinic_id FROM patient p WHERE p.patient_id = :patientId), :defaultClinic),
					COALESCE(CAST(:version AS bigint), 0))
				ON CONFLICT (plan_id) DO UPDATE SET version = GREATEST(plan.version, EXCLUDED.version)
				WHERE CAST(:version AS bigint) IS NULL OR plan.version < EXCLUDED.version
				""")
			.param("planId", plan.planId().value())
			.param("patientId", plan.patientId().value())
			.param("protocol", plan.protocol().name())
			.param("kind", plan.kind().name())
			.param("sessionsPlanned", plan.sessionsPlanned())
			.param("defaultClinic", this.scope.defaultClinic())
			.param("version", plan.planVersion())
			.update() == 1;
	}

	/**
	 * Records a plan's newer version (its stop), unless the stored one is as new or
	 * newer. A plan never heard of, or an event without a version, is applied as before
	 * versions.
	 * @return whether it was applied
	 */
	public boolean planChanged(UUID planId, Long version) {
		if (version == null) {
			return true;
		}
		return this.jdbc.sql("UPDATE plan SET version = ? WHERE plan_id = ? AND version < ?")
			.params(version, planId, version)
			.update() == 1 || !planKnown(planId);
	}

	private boolean planKnown(UUID planId) {
		return this.jdbc.sql("SELECT count(*) FROM plan WHERE plan_id = ?")
			.param(planId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Keeps a booked session (or books a known one again), unless its stored version is
	 * as new or newer (issue 19): a {@code SessionBooked} replayed after the session was
	 * cancelled or moved changes nothing. An event without a version is applied as before
	 * versions, in order of arrival.
	 * @return whether it was applied
	 */
	public boolean booked(SessionBooked booked) {
		return this.jdbc
			.sql("""
					INSERT INTO session (session_id, patient_id, plan_id, sequence, protocol, starts_at, ends_at, clinic_zone, status,
						clinic_id, version)
					VALUES (:sessionId, :patientId, :planId, :sequence, :protocol, :startsAt, :endsAt, :zone, 'BOOKED',
						COALESCE((SELECT p.clinic_id FROM patient p WHERE p.patient_id = :patientId), :defaultClinic),
						COALESCE(CAST(:version AS bigint), 0))
					ON CONFLICT (session_id) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
						status = 'BOOKED', version = GREATEST(session.version, EXCLUDED.version)
					WHERE CAST(:version AS bigint) IS NULL OR session.version < EXCLUDED.version
					""")
			.param("sessionId", booked.sessionId().value())
			.param("patientId", booked.patientId().value())
			.param("planId", booked.planId().value())
			.param("sequence", booked.sequence())
			.param("protocol", booked.protocol().name())
			.param("startsAt", Timestamp.from(booked.startsAt().toInstant()))
			.param("endsAt", Timestamp.from(booked.endsAt().toInstant()))
			.param("zone", booked.timeZone())
			.param("defaultClinic", this.scope.defaultClinic())
			.param("version", booked.sessionVersion())
			.update() == 1;
	}

	/**
	 * Claims a change of a session for an event's version: records the version, locking
	 * the row until the transaction ends, unless the stored version is as new or newer
	 * (issue 19). A session never heard of, or an event without a version, is applied as
	 * before versions.
	 * @return whether the change is to be applied
	 */
	public boolean claim(UUID sessionId, Long version) {
		if (version == null) {
			return true;
		}
		return this.jdbc.sql("UPDATE session SET version = ? WHERE session_id = ? AND version < ?")
			.params(version, sessionId, version)
			.update() == 1 || find(sessionId).isEmpty();
	}

	public void moved(UUID sessionId, Instant startsAt, Instant endsAt) {
		this.jdbc.sql("UPDATE session SET starts_at = ?, ends_at = ?, confirmed_at = NULL WHERE session_id = ?")
			.params(Timestamp.from(startsAt), Timestamp.from(endsAt), sessionId)
			.update();
	}

	public void status(UUID sessionId, String status) {
		this.jdbc.sql("UPDATE session SET status = ? WHERE session_id = ?").params(status, sessionId).update();
	}

	public void completed(UUID sessionId, Instant at, boolean lastOfSeries) {
		this.jdbc
			.sql("UPDATE session SET status = 'COMPLETED', completed_at = ?, last_of_series = ? WHERE session_id = ?")
			.params(Timestamp.from(at), lastOfSeries, sessionId)
			.update();
	}

	/** The patient confirmed the next booked session within the window. */
	public Optional<Session> confirmNext(UUID patientId, Instant now, Instant until) {
		Optional<Session> next = this.jdbc
			.sql(SELECT + " WHERE s.patient_id = ? AND s.status = 'BOOKED' AND s.starts_at > ? AND s.starts_at <= ?"
					+ " ORDER BY s.starts_at LIMIT 1")
			.params(patientId, Timestamp.from(now), Timestamp.from(until))
			.query(Sessions::session)
			.optional();
		next.ifPresent((session) -> this.jdbc.sql("UPDATE session SET confirmed_at = ? WHERE session_id = ?")
			.params(Timestamp.from(now), session.id())
			.update());
		return next;
	}

	public Optional<Session> find(UUID sessionId) {
		return this.jdbc.sql(SELECT + " WHERE s.session_id = ?").param(sessionId).query(Sessions::session).optional();
	}

	public List<Session> all(Collection<UUID> sessionIds) {
		if (sessionIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(SELECT + " WHERE s.session_id IN (:ids) ORDER BY s.starts_at")
			.param("ids", sessionIds)
			.query(Sessions::session)
			.list();
	}

	@InCallersClinics
	public List<Session> ofPatient(UUID patientId) {
		return this.jdbc.sql(SELECT + " WHERE s.patient_id = ? AND s.clinic_id = ANY(?) ORDER BY s.starts_at")
			.params(patientId, this.scope.sqlArray())
			.query(Sessions::session)
			.list();
	}

	/** The kind of a plan, {@code INDUCTION} if follow-up never heard of it. */
	public String planKind(UUID planId) {
		return this.jdbc.sql("SELECT kind FROM plan WHERE plan_id = ?")
			.param(planId)
			.query(String.class)
			.optional()
			.orElse("INDUCTION");
	}

	private static Session session(ResultSet rs, int row) throws SQLException {
		Timestamp confirmed = rs.getTimestamp("confirmed_at");
		return new Session(rs.getObject("session_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getObject("plan_id", UUID.class), rs.getString("plan_kind"), rs.getInt("sequence"),
				rs.getString("protocol"), rs.getTimestamp("starts_at").toInstant(),
				ZoneId.of(rs.getString("clinic_zone")), rs.getString("status"),
				(confirmed != null) ? confirmed.toInstant() : null);
	}

}
