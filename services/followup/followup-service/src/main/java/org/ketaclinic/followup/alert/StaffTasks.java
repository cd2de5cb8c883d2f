package org.ketaclinic.followup.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Front-desk tasks. */
@Service
public class StaffTasks {

	private final JdbcClient jdbc;

	private final Clock clock;

	StaffTasks(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
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
		this.jdbc.sql("""
				INSERT INTO staff_task (task_id, patient_id, kind, detail, origin, created_at, status, urgent)
				VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?) ON CONFLICT (origin) DO NOTHING
				""")
			.params(UUID.randomUUID(), patientId, kind, detail, origin, Timestamp.from(this.clock.instant()), urgent)
			.update();
		return this.jdbc.sql("SELECT task_id FROM staff_task WHERE origin = ?")
			.param(origin)
			.query(UUID.class)
			.single();
	}

	public List<StaffTask> withStatus(String status) {
		return this.jdbc.sql("SELECT * FROM staff_task WHERE status = ? ORDER BY urgent DESC, created_at LIMIT 500")
			.param(status)
			.query(StaffTasks::task)
			.list();
	}

	public Optional<StaffTask> find(UUID taskId) {
		return this.jdbc.sql("SELECT * FROM staff_task WHERE task_id = ?")
			.param(taskId)
			.query(StaffTasks::task)
			.optional();
	}

	/** Closes a task; closing it again changes nothing. */
	@Transactional
	public StaffTask done(UUID taskId, String by) {
		this.jdbc.sql(
				"UPDATE staff_task SET status = 'DONE', done_at = ?, done_by = ? WHERE task_id = ? AND status = 'OPEN'")
			.params(Timestamp.from(this.clock.instant()), by, taskId)
			.update();
		return find(taskId).orElseThrow(() -> new NotFoundException("No task " + taskId));
	}

	private static StaffTask task(ResultSet rs, int row) throws SQLException {
		return new StaffTask(rs.getObject("task_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getString("kind"), rs.getString("detail"), rs.getTimestamp("created_at").toInstant(),
				rs.getString("status"), rs.getString("done_by"), rs.getBoolean("urgent"));
	}

}
