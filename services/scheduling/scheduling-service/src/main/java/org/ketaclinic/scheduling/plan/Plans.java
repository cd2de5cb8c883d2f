package org.ketaclinic.scheduling.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All treatment plans. */
@Repository
public class Plans {

	private final JdbcClient jdbc;

	Plans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds a plan unless one exists for the assessment; returns whether it was added. */
	public boolean add(TreatmentPlan plan) {
		return this.jdbc.sql("""
				INSERT INTO treatment_plan (id, patient_id, assessment_id, protocol, kind, sessions_planned, status,
					created_at, approval_id, approved_at, clinic_id, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (assessment_id) DO NOTHING
				""")
			.params(plan.id(), plan.patientId(), plan.assessmentId(), plan.protocol(), plan.kind(),
					plan.sessionsPlanned(), plan.status(), Timestamp.from(plan.createdAt()), plan.approvalId(),
					(plan.approvedAt() != null) ? Timestamp.from(plan.approvedAt()) : null, plan.clinicId())
			.update() == 1;
	}

	/** A plan of any clinic (system use: jobs and event listeners). */
	public Optional<TreatmentPlan> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM treatment_plan WHERE id = ?").param(id).query(Plans::plan).optional();
	}

	/**
	 * A plan of one of these clinics (the caller's, ADR 12); empty for another clinic's
	 * plan, exactly as for an unknown id.
	 */
	public Optional<TreatmentPlan> find(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM treatment_plan WHERE id = ? AND clinic_id = ANY(?)")
			.params(id, clinics)
			.query(Plans::plan)
			.optional();
	}

	/** A plan of any clinic, locked (system use: jobs and event listeners). */
	public Optional<TreatmentPlan> lock(UUID id) {
		return this.jdbc.sql("SELECT * FROM treatment_plan WHERE id = ? FOR UPDATE")
			.param(id)
			.query(Plans::plan)
			.optional();
	}

	/**
	 * A plan of one of these clinics, locked; empty for another clinic's plan, exactly as
	 * for an unknown id (ADR 12).
	 */
	public Optional<TreatmentPlan> lock(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM treatment_plan WHERE id = ? AND clinic_id = ANY(?) FOR UPDATE")
			.params(id, clinics)
			.query(Plans::plan)
			.optional();
	}

	/** A patient's plans, newest first (system use: boosters, safety). */
	public List<TreatmentPlan> ofPatient(UUID patientId) {
		return this.jdbc.sql("SELECT * FROM treatment_plan WHERE patient_id = ? ORDER BY created_at DESC")
			.param(patientId)
			.query(Plans::plan)
			.list();
	}

	/** A patient's plans in these clinics (the caller's), newest first. */
	public List<TreatmentPlan> ofPatient(UUID patientId, String[] clinics) {
		return this.jdbc
			.sql("SELECT * FROM treatment_plan WHERE patient_id = ? AND clinic_id = ANY(?) ORDER BY created_at DESC")
			.params(patientId, clinics)
			.query(Plans::plan)
			.list();
	}

	/**
	 * Active plans with sessions still to book, oldest first: the front desk's work list.
	 */
	public List<TreatmentPlan> awaitingBooking(int limit, String[] clinics) {
		return this.jdbc
			.sql("""
					SELECT p.* FROM treatment_plan p
					WHERE p.status = 'ACTIVE' AND p.clinic_id = ANY(?) AND p.sessions_planned > (SELECT count(*) FROM session s WHERE s.plan_id = p.id
						AND s.status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED'))
					ORDER BY p.created_at LIMIT ?
					""")
			.params(clinics, limit)
			.query(Plans::plan)
			.list();
	}

	/** The active plans standing on an approval (its induction and any boosters). */
	public List<UUID> activeStandingOn(UUID approvalId) {
		return this.jdbc.sql("SELECT id FROM treatment_plan WHERE approval_id = ? AND status = 'ACTIVE' ORDER BY id")
			.param(approvalId)
			.query(UUID.class)
			.list();
	}

	/**
	 * Active boosters standing on an approval given before a time, oldest first (one
	 * whose approval is unknown is not stopped: check-in and start hold it for a fresh
	 * review), leaving out any with a session in progress (its clinician completes it
	 * first).
	 */
	public List<UUID> activeBoostersApprovedBefore(Instant cutOff, int limit) {
		return this.jdbc.sql("""
				SELECT p.id FROM treatment_plan p WHERE p.status = 'ACTIVE' AND p.kind = 'BOOSTER'
					AND p.approved_at < ?
					AND NOT EXISTS (SELECT 1 FROM session s WHERE s.plan_id = p.id AND s.status = 'IN_PROGRESS')
				ORDER BY p.approved_at, p.id LIMIT ?
				""").params(Timestamp.from(cutOff), limit).query(UUID.class).list();
	}

	/**
	 * The patient's active plans standing on an approval given before a time (or at an
	 * unknown time): a plan created late from an earlier approval counts as before.
	 */
	public List<UUID> activeOfPatientApprovedBefore(UUID patientId, Instant before) {
		return this.jdbc
			.sql("SELECT id FROM treatment_plan WHERE patient_id = ? AND status = 'ACTIVE'"
					+ " AND coalesce(approved_at, created_at) < ? ORDER BY id")
			.params(patientId, Timestamp.from(before))
			.query(UUID.class)
			.list();
	}

	/**
	 * Stops an active plan (status {@code CANCELLED}) with a reason code and, for a
	 * clinician's cancellation, their note.
	 * @return whether it was active
	 */
	public boolean stop(UUID id, String reasonCode, String note, Instant at, String by) {
		return this.jdbc
			.sql("UPDATE treatment_plan SET status = 'CANCELLED', cancelled_at = ?, cancel_reason = ?, cancel_note = ?,"
					+ " cancelled_by = ?, version = version + 1 WHERE id = ? AND status = 'ACTIVE'")
			.params(Timestamp.from(at), reasonCode, note, by, id)
			.update() == 1;
	}

	/**
	 * The plan's version: 1 when created, one more with every change of its status. Read
	 * in the transaction that changed it, it is the version the change's event carries
	 * ({@code planVersion}), so consumers apply only newer state (issue 19).
	 */
	public long version(UUID id) {
		return this.jdbc.sql("SELECT version FROM treatment_plan WHERE id = ?").param(id).query(Long.class).single();
	}

	/** Whether an approval still stands: its induction plan was not stopped. */
	public boolean approvalStands(UUID approvalId) {
		return this.jdbc
			.sql("SELECT count(*) FROM treatment_plan WHERE assessment_id = ? AND status IN ('ACTIVE', 'COMPLETED')")
			.param(approvalId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Cancelled plans that still have booked sessions ahead: staff must decide what to do
	 * with them.
	 */
	public List<TreatmentPlan> needingAttention(int limit, String[] clinics) {
		return this.jdbc.sql(
				"SELECT p.* FROM treatment_plan p WHERE p.status = 'CANCELLED' AND p.clinic_id = ANY(?) AND EXISTS (SELECT 1 FROM session s"
						+ " WHERE s.plan_id = p.id AND s.status = 'BOOKED' AND s.starts_at > now())"
						+ " ORDER BY p.cancelled_at DESC LIMIT ?")
			.params(clinics, limit)
			.query(Plans::plan)
			.list();
	}

	/** Marks a plan whose sessions are all given as completed. */
	public void complete(UUID id) {
		this.jdbc.sql(
				"UPDATE treatment_plan SET status = 'COMPLETED', version = version + 1 WHERE id = ? AND status = 'ACTIVE'")
			.param(id)
			.update();
	}

	private static TreatmentPlan plan(ResultSet rs, int row) throws SQLException {
		return new TreatmentPlan(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getObject("assessment_id", UUID.class), rs.getString("protocol"), rs.getString("kind"),
				rs.getInt("sessions_planned"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
				rs.getObject("approval_id", UUID.class),
				(rs.getTimestamp("approved_at") != null) ? rs.getTimestamp("approved_at").toInstant() : null,
				rs.getString("clinic_id"));
	}

}
