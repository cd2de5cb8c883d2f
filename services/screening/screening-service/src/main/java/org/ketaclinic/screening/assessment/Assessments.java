package org.ketaclinic.screening.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.screening.criteria.Criteria;
import org.ketaclinic.screening.criteria.Finding;
import org.ketaclinic.screening.criteria.ScreeningInput;
import org.ketaclinic.screening.events.Outcome;
import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All assessments, in the screening database. */
@Repository
public class Assessments {

	private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	Assessments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void add(Assessment assessment) {
		this.jdbc.sql("""
				INSERT INTO assessment (id, patient_id, submission_id, submission_version, outcome, ruleset_version,
					criteria, findings, clinical, status, priority, created_at, due_at, supersedes, clinic_id)
				VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)
				""")
			.params(assessment.id(), assessment.patientId(), assessment.submissionId(), assessment.submissionVersion(),
					assessment.outcome().name(), assessment.rulesetVersion(), json(assessment.criteria()),
					json(assessment.findings()), json(assessment.clinical()), assessment.status().name(),
					assessment.priority(), Timestamp.from(assessment.createdAt()), Timestamp.from(assessment.dueAt()),
					assessment.supersedes(), assessment.clinicId())
			.update();
	}

	/**
	 * An assessment of one of these clinics; another clinic's is not found, like an
	 * unknown one.
	 */
	public Optional<Assessment> find(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM assessment WHERE id = ? AND clinic_id = ANY(?)")
			.params(id, clinics)
			.query(Assessments::assessment)
			.optional();
	}

	/** {@link #find} for a change: locked until the transaction ends. */
	public Optional<Assessment> lock(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM assessment WHERE id = ? AND clinic_id = ANY(?) FOR UPDATE")
			.params(id, clinics)
			.query(Assessments::assessment)
			.optional();
	}

	public boolean exists(UUID submissionId, int submissionVersion) {
		return this.jdbc.sql("SELECT count(*) FROM assessment WHERE submission_id = ? AND submission_version = ?")
			.params(submissionId, submissionVersion)
			.query(Integer.class)
			.single() > 0;
	}

	/** The current (not superseded) assessments of a submission, locked. */
	public List<Assessment> currentOf(UUID submissionId) {
		return this.jdbc.sql("""
				SELECT * FROM assessment WHERE submission_id = ? AND status IN ('PENDING_REVIEW', 'DECIDED')
				ORDER BY submission_version DESC FOR UPDATE
				""").param(submissionId).query(Assessments::assessment).list();
	}

	/** A patient's assessments in these clinics, newest first. */
	public List<Assessment> ofPatient(UUID patientId, String[] clinics) {
		return this.jdbc
			.sql("SELECT * FROM assessment WHERE patient_id = ? AND clinic_id = ANY(?) ORDER BY created_at DESC, id")
			.params(patientId, clinics)
			.query(Assessments::assessment)
			.list();
	}

	/** Pending assessments of these clinics, most urgent first, then by due time. */
	public List<Assessment> pending(int limit, String[] clinics) {
		return this.jdbc.sql("""
				SELECT * FROM assessment WHERE status = 'PENDING_REVIEW' AND clinic_id = ANY(?)
				ORDER BY priority, due_at, created_at LIMIT ?
				""").params(clinics, limit).query(Assessments::assessment).list();
	}

	/** Whether a clinician approved this assessment. */
	public boolean approved(UUID id) {
		return this.jdbc.sql("SELECT count(*) FROM decision WHERE assessment_id = ? AND decision = 'APPROVED'")
			.param(id)
			.query(Integer.class)
			.single() > 0;
	}

	public void changeStatus(UUID id, Assessment.Status status) {
		this.jdbc.sql("UPDATE assessment SET status = ? WHERE id = ?").params(status.name(), id).update();
	}

	/** Marks pending assessments made before the cut-off as expired; returns how many. */
	public int expireMadeBefore(Instant cutOff) {
		return this.jdbc
			.sql("UPDATE assessment SET status = 'EXPIRED' WHERE status = 'PENDING_REVIEW' AND created_at < ?")
			.param(Timestamp.from(cutOff))
			.update();
	}

	private static Assessment assessment(ResultSet rs, int row) throws SQLException {
		UUID supersedes = rs.getObject("supersedes", UUID.class);
		return new Assessment(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getObject("submission_id", UUID.class), rs.getInt("submission_version"),
				Outcome.valueOf(rs.getString("outcome")), rs.getString("ruleset_version"),
				EventJson.mapper().readValue(rs.getString("criteria"), Criteria.class),
				EventJson.mapper().readValue(rs.getString("findings"), FINDINGS),
				EventJson.mapper().readValue(rs.getString("clinical"), ScreeningInput.class),
				Assessment.Status.valueOf(rs.getString("status")), rs.getInt("priority"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("due_at").toInstant(), supersedes,
				rs.getString("clinic_id"));
	}

	private static String json(Object value) {
		return EventJson.mapper().writeValueAsString(value);
	}

}
