package org.ketaclinic.interop.answers;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The questionnaires each intake submission answered, its latest version only: an
 * amendment replaces what its submission answered before, an older version replayed
 * changes nothing.
 */
@Repository
public class QuestionnaireAnswers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A submission's answers.
	 *
	 * @param submissionId the submission
	 * @param patientId its patient
	 * @param clinicId their clinic
	 * @param version the submission's version
	 * @param phq9Items the nine PHQ-9 answers, or null
	 * @param phq9Total the PHQ-9 total, or null
	 * @param phq9Item9 PHQ-9 item 9, or null
	 * @param cssrs the C-SSRS screener's answers by question (a null answer: not asked),
	 * or null when not administered
	 * @param amended whether a later version replaced the first recorded
	 * @param answeredAt when first answered
	 * @param updatedAt when this service last changed them
	 */
	public record Answers(UUID submissionId, UUID patientId, String clinicId, int version, List<Integer> phq9Items,
			Integer phq9Total, Integer phq9Item9, Map<String, Boolean> cssrs, boolean amended, Instant answeredAt,
			Instant updatedAt) {

		/** Whether anything of the PHQ-9 was answered. */
		public boolean hasPhq9() {
			return this.phq9Items != null || this.phq9Total != null || this.phq9Item9 != null;
		}

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	QuestionnaireAnswers(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records a version's answers, unless a newer version's are held.
	 * @return whether anything changed
	 */
	public boolean record(Answers answers) {
		return this.jdbc
			.sql("""
					INSERT INTO questionnaire_answers (submission_id, patient_id, clinic_id, version, phq9_items, phq9_total,
					                                   phq9_item9, cssrs, amended, answered_at, updated_at)
					VALUES (:submission, :patient, :clinic, :version, :items, :total, :item9, CAST(:cssrs AS jsonb), false,
					        :answered_at, :now)
					ON CONFLICT (submission_id) DO UPDATE SET clinic_id = EXCLUDED.clinic_id, version = EXCLUDED.version,
					    phq9_items = EXCLUDED.phq9_items, phq9_total = EXCLUDED.phq9_total,
					    phq9_item9 = EXCLUDED.phq9_item9, cssrs = EXCLUDED.cssrs, amended = true,
					    updated_at = EXCLUDED.updated_at
					WHERE questionnaire_answers.version < EXCLUDED.version
					""")
			.param("submission", answers.submissionId())
			.param("patient", answers.patientId())
			.param("clinic", answers.clinicId())
			.param("version", answers.version())
			.param("items", (answers.phq9Items() != null) ? answers.phq9Items().toArray(Integer[]::new) : null)
			.param("total", answers.phq9Total())
			.param("item9", answers.phq9Item9())
			.param("cssrs", (answers.cssrs() != null) ? JSON.writeValueAsString(answers.cssrs()) : null)
			.param("answered_at", Timestamp.from(answers.answeredAt()))
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	/** A patient's answers in the given clinics, oldest first. */
	public List<Answers> ofPatient(UUID patientId, String[] clinics) {
		return this.jdbc.sql("""
				SELECT * FROM questionnaire_answers WHERE patient_id = ? AND clinic_id = ANY (?)
				ORDER BY answered_at, submission_id
				""").param(patientId).param(clinics).query(QuestionnaireAnswers::answers).list();
	}

	private static Answers answers(ResultSet rs, int row) throws SQLException {
		Array items = rs.getArray("phq9_items");
		String cssrs = rs.getString("cssrs");
		return new Answers(rs.getObject("submission_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getString("clinic_id"), rs.getInt("version"),
				(items != null) ? Arrays.asList((Integer[]) items.getArray()) : null,
				(Integer) rs.getObject("phq9_total"), (Integer) rs.getObject("phq9_item9"),
				(cssrs != null) ? JSON.readValue(cssrs, new TypeReference<LinkedHashMap<String, Boolean>>() {
				}) : null, rs.getBoolean("amended"), rs.getTimestamp("answered_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
