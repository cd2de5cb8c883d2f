package org.ketaclinic.interop.score;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The PHQ-9 totals measured for each patient, from intake's submissions (an amendment
 * replaces its submission's score, an older version never replaces a newer one) and from
 * follow-up's check-ins.
 */
@Repository
public class Phq9Scores {

	/** Where a score was measured. */
	public enum Source {

		/** the intake questionnaire of a referral */
		INTAKE,
		/** a follow-up check-in */
		CHECK_IN

	}

	/**
	 * One measured total.
	 *
	 * @param sourceId the submission or check-in
	 * @param patientId the patient
	 * @param clinicId the patient's clinic
	 * @param source where it was measured
	 * @param version the submission's version (1 for a check-in)
	 * @param total the PHQ-9 total, 0 to 27
	 * @param amended whether a later version replaced what was first recorded
	 * @param effectiveAt when the patient first answered
	 * @param recordedAt when the version served was recorded
	 * @param updatedAt when this service last changed it
	 */
	public record Score(UUID sourceId, UUID patientId, String clinicId, Source source, int version, int total,
			boolean amended, Instant effectiveAt, Instant recordedAt, Instant updatedAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Phq9Scores(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records a total, or replaces the one of an older version of the same source (its
	 * clinic too; the time first answered stays); a version older than the one recorded
	 * changes nothing. A null total (an amendment that left the PHQ-9 incomplete)
	 * withdraws the one recorded: it is no longer served.
	 * @return whether anything changed
	 */
	public boolean record(UUID sourceId, UUID patientId, String clinicId, Source source, int version, Integer total,
			Instant answeredAt) {
		return this.jdbc.sql("""
				INSERT INTO phq9_score (source_id, patient_id, clinic_id, source, version, total, amended,
				                        effective_at, recorded_at, updated_at)
				VALUES (:source_id, :patient_id, :clinic_id, :source, :version, :total, false, :answered_at,
				        :answered_at, :now)
				ON CONFLICT (source_id) DO UPDATE SET total = EXCLUDED.total, version = EXCLUDED.version,
				    clinic_id = EXCLUDED.clinic_id, amended = true, recorded_at = EXCLUDED.recorded_at,
				    updated_at = EXCLUDED.updated_at
				WHERE phq9_score.version < EXCLUDED.version
				""")
			.param("source_id", sourceId)
			.param("patient_id", patientId)
			.param("clinic_id", clinicId)
			.param("source", source.name())
			.param("version", version)
			.param("total", total)
			.param("answered_at", Timestamp.from(answeredAt))
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	/** A patient's totals in the caller's clinics, oldest first. */
	public List<Score> ofPatient(UUID patientId, String[] clinics) {
		return this.jdbc.sql("""
				SELECT * FROM phq9_score WHERE patient_id = ? AND clinic_id = ANY (?) AND total IS NOT NULL
				ORDER BY effective_at, source_id
				""").param(patientId).param(clinics).query(Phq9Scores::score).list();
	}

	private static Score score(ResultSet rs, int row) throws SQLException {
		return new Score(rs.getObject("source_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getString("clinic_id"), Source.valueOf(rs.getString("source")), rs.getInt("version"),
				rs.getInt("total"), rs.getBoolean("amended"), rs.getTimestamp("effective_at").toInstant(),
				rs.getTimestamp("recorded_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
