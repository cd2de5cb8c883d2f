package org.ketaclinic.followup.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.security.InCallersClinics;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Front-desk tasks. */
@Service
public class StaffTasks {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ClinicScope scope;

	StaffTasks(JdbcClient jdbc, Clock clock, ClinicScope scope) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.scope = scope;
	}

	/** Whether the patient has an open task whose origin starts so. */
	public boolean anyOpen(UUID patientId, String originPrefix) {
		return this.jdbc.sql("""
				SELECT count(*) FROM staff_task WHERE patient_id = ? AND status = 'OPEN' AND origin LIKE ?
				""")
			.params(patientId, originPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.query(Integer.class)
			.single() > 0;
	}

	/** Opens a task once per origin; returns its id. */
	@Transactional
	public UUID open(UUID patientId, String kind, String detail, String origin) {
		return open(patientId, kind, detail, origin, false);
	}

	/**
	 * Opens an urgent task once per origin, listed before every other task; returns its
	 * id.
	 */
	@Transactional
	public UUID openUrgent(UUID patientId, String kind, String detail, String origin) {
		return open(patientId, kind, detail, origin, true);
	}

	private UUID open(UUID patientId, String kind, String detail, String origin, boolean urgent) {
		this.jdbc
			.sql("""
					INSERT INTO staff_task (task_id, patient_id, kind, detail, origin, created_at, status, urgent, clinic_id)
					VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, COALESCE((SELECT p.clinic_id FROM patient p WHERE p.patient_id = ?), ?)) ON CONFLICT (origin) DO NOTHING
					""")
			.params(UUID.randomUUID(), patientId, kind, detail, origin, Timestamp.from(this.clock.instant()), urgent,
					patientId, this.scope.defaultClinic())
			.update();
		return this.jdbc.sql("SELECT task_id FROM staff_task WHERE origin = ?")
			.param(origin)
			.query(UUID.class)
			.single();
	}

	/** The tasks of the current caller's clinics with a status, urgent first. */
	@InCallersClinics
	public List<StaffTask> withStatus(String status) {
		return this.jdbc.sql("""
				SELECT * FROM staff_task WHERE status = ? AND clinic_id = ANY(?)
				ORDER BY urgent DESC, created_at LIMIT 500
				""").params(status, this.scope.sqlArray()).query(StaffTasks::task).list();
	}

	/**
	 * A task of the current caller's clinics; empty for another clinic's, as for an
	 * unknown one.
	 */
	@InCallersClinics
	public Optional<StaffTask> find(UUID taskId) {
		return this.jdbc.sql("SELECT * FROM staff_task WHERE task_id = ? AND clinic_id = ANY(?)")
			.params(taskId, this.scope.sqlArray())
			.query(StaffTasks::task)
			.optional();
	}

	/**
	 * Closes a task of the current caller's clinics; closing it again changes nothing.
	 * Another clinic's task is not found and stays open.
	 */
	@Transactional
	@InCallersClinics
	public StaffTask done(UUID taskId, String by) {
		find(taskId).orElseThrow(() -> new NotFoundException("No task " + taskId));
		this.jdbc.sql("""
				UPDATE staff_task SET status = 'DONE', done_at = ?, done_by = ?
				WHERE task_id = ? AND status = 'OPEN' AND clinic_id = ANY(?)
				""").params(Timestamp.from(this.clock.instant()), by, taskId, this.scope.sqlArray()).update();
		return find(taskId).orElseThrow(() -> new NotFoundException("No task " + taskId));
	}

	private static StaffTask task(ResultSet rs, int row) throws SQLException {
		return new StaffTask(rs.getObject("task_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getString("kind"), rs.getString("detail"), rs.getTimestamp("created_at").toInstant(),
				rs.getString("status"), rs.getString("done_by"), rs.getBoolean("urgent"), rs.getString("clinic_id"));
	}

}
