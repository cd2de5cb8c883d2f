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

	public void planCreated(TreatmentPlanCreated plan) {
		this.jdbc.sql("""
				INSERT INTO plan (plan_id, patient_id, protocol, kind, sessions_planned, clinic_id)
				VALUES (?, ?, ?, ?, ?, COALESCE((SELECT p.clinic_id FROM patient p WHERE p.patient_id = ?), ?))
				ON CONFLICT (plan_id) DO NOTHING
				""")
			.params(plan.planId(), plan.patientId(), plan.protocol(), plan.kind(), plan.sessionsPlanned(),
					plan.patientId(), this.scope.defaultClinic())
			.update();
	}

	public void booked(SessionBooked booked) {
		this.jdbc
			.sql("""
					INSERT INTO session (session_id, patient_id, plan_id, sequence, protocol, starts_at, ends_at, clinic_zone, status,
						clinic_id)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', COALESCE((SELECT p.clinic_id FROM patient p WHERE p.patient_id = ?), ?))
					ON CONFLICT (session_id) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
						status = 'BOOKED'
					""")
			.params(booked.sessionId(), booked.patientId(), booked.planId(), booked.sequence(), booked.protocol(),
					Timestamp.from(booked.startsAt().toInstant()), Timestamp.from(booked.endsAt().toInstant()),
					booked.timeZone(), booked.patientId(), this.scope.defaultClinic())
			.update();
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
