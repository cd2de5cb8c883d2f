package org.ketaclinic.intake.submission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.intake.submission.Submission.Status;
import org.ketaclinic.platform.events.EventJson;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All intake submissions with every version of their clinical sections. */
@Repository
public class Submissions {

	private static final String SELECT = """
			SELECT s.*, v.clinical FROM submission s
			JOIN submission_version v ON v.submission_id = s.id AND v.version = s.current_version
			""";

	private final JdbcClient jdbc;

	Submissions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void add(Submission submission) {
		this.jdbc.sql("""
				INSERT INTO submission (id, patient_id, status, current_version, created_at, created_by, submitted_at,
					clinic_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(submission.id(), submission.patientId(), submission.status().name(), submission.version(),
					Timestamp.from(submission.createdAt()), submission.createdBy(), timestamp(submission.submittedAt()),
					submission.clinicId())
			.update();
		addVersion(submission.id(), new Submission.Version(submission.version(), submission.clinical(),
				submission.createdAt(), submission.createdBy(), null));
	}

	public void addVersion(UUID submissionId, Submission.Version version) {
		this.jdbc.sql("""
				INSERT INTO submission_version (submission_id, version, clinical, recorded_at, recorded_by, reason,
					clinic_id)
				VALUES (?, ?, ?::jsonb, ?, ?, ?, (SELECT clinic_id FROM submission WHERE id = ?))
				""")
			.params(submissionId, version.version(), json(version.clinical()), Timestamp.from(version.recordedAt()),
					version.recordedBy(), version.reason(), submissionId)
			.update();
		this.jdbc.sql("UPDATE submission SET current_version = ? WHERE id = ?")
			.params(version.version(), submissionId)
			.update();
	}

	/**
	 * The submission if it belongs to one of these clinics: one of another clinic is not
	 * found, like an unknown id (ADR 12).
	 * @param clinics the caller's clinics ({@code ClinicScope.sqlArray()})
	 */
	public Optional<Submission> find(UUID id, String[] clinics) {
		return this.jdbc.sql(SELECT + " WHERE s.id = ? AND s.clinic_id = ANY(?)")
			.params(id, clinics)
			.query(Submissions::submission)
			.optional();
	}

	/**
	 * The submission of one of these clinics, locked for a change in the current
	 * transaction.
	 */
	public Optional<Submission> lock(UUID id, String[] clinics) {
		return this.jdbc.sql(SELECT + " WHERE s.id = ? AND s.clinic_id = ANY(?) FOR UPDATE OF s")
			.params(id, clinics)
			.query(Submissions::submission)
			.optional();
	}

	public void markSubmitted(UUID id, Instant at) {
		this.jdbc.sql("UPDATE submission SET status = 'SUBMITTED', submitted_at = ? WHERE id = ?")
			.params(Timestamp.from(at), id)
			.update();
	}

	public void markWithdrawn(UUID id, Instant at, String by, String reason) {
		this.jdbc.sql("""
				UPDATE submission SET status = 'WITHDRAWN', withdrawn_at = ?, withdrawn_by = ?, withdrawal_reason = ?
				WHERE id = ?
				""").params(Timestamp.from(at), by, reason, id).update();
	}

	/** The versions of a submission found through a scoped read. */
	public List<Submission.Version> versions(UUID submissionId) {
		return this.jdbc.sql("SELECT * FROM submission_version WHERE submission_id = ? ORDER BY version")
			.param(submissionId)
			.query((rs, row) -> new Submission.Version(rs.getInt("version"), clinical(rs.getString("clinical")),
					rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by"), rs.getString("reason")))
			.list();
	}

	/**
	 * Submissions of these clinics matching a search, newest first.
	 * @param query what to match; null fields match everything
	 * @param clinics the caller's clinics: submissions of others are never listed
	 * @param page page number from 0
	 * @param size page size
	 */
	public SearchResult search(SearchQuery query, String[] clinics, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE s.clinic_id = ANY(?)");
		List<Object> params = new ArrayList<>();
		params.add(clinics);
		if (query.status() != null) {
			where.append(" AND s.status = ?");
			params.add(query.status().name());
		}
		if (query.name() != null && !query.name().isBlank()) {
			for (String part : query.name().trim().toLowerCase().split("\\s+")) {
				where
					.append(" AND (lower(p.given_name) LIKE ? ESCAPE '\\' OR lower(p.family_name) LIKE ? ESCAPE '\\')");
				String like = "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
				params.add(like);
				params.add(like);
			}
		}
		if (query.dateOfBirth() != null) {
			where.append(" AND p.date_of_birth = ?");
			params.add(query.dateOfBirth());
		}
		if (query.submittedFrom() != null) {
			where.append(" AND s.submitted_at >= ?");
			params.add(Timestamp.from(query.submittedFrom()));
		}
		if (query.submittedTo() != null) {
			where.append(" AND s.submitted_at < ?");
			params.add(Timestamp.from(query.submittedTo()));
		}
		String from = " FROM submission s JOIN patient p ON p.id = s.patient_id";
		long total = this.jdbc.sql("SELECT count(*)" + from + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<SearchResult.Item> items = this.jdbc
			.sql("""
					SELECT s.id, s.patient_id, s.status, s.current_version, s.created_at, s.submitted_at, s.clinic_id,
						p.given_name, p.family_name, p.date_of_birth""" + from + where
					+ " ORDER BY coalesce(s.submitted_at, s.created_at) DESC, s.id LIMIT ? OFFSET ?")
			.params(pageParams)
			.query((rs, row) -> new SearchResult.Item(rs.getObject("id", UUID.class),
					rs.getObject("patient_id", UUID.class), rs.getString("given_name"), rs.getString("family_name"),
					rs.getObject("date_of_birth", LocalDate.class), Status.valueOf(rs.getString("status")),
					rs.getInt("current_version"), rs.getTimestamp("created_at").toInstant(),
					instant(rs.getTimestamp("submitted_at")), rs.getString("clinic_id")))
			.list();
		return new SearchResult(items, page, size, total);
	}

	private static Submission submission(ResultSet rs, int row) throws SQLException {
		return new Submission(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				Status.valueOf(rs.getString("status")), rs.getInt("current_version"),
				clinical(rs.getString("clinical")), rs.getTimestamp("created_at").toInstant(),
				rs.getString("created_by"), instant(rs.getTimestamp("submitted_at")),
				instant(rs.getTimestamp("withdrawn_at")), rs.getString("withdrawn_by"),
				rs.getString("withdrawal_reason"), rs.getString("clinic_id"));
	}

	private static String json(ClinicalAnswers clinical) {
		return EventJson.mapper().writeValueAsString(clinical);
	}

	private static ClinicalAnswers clinical(String json) {
		return EventJson.mapper().readValue(json, ClinicalAnswers.class);
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * What to search for.
	 *
	 * @param status the status, or null for any
	 * @param name part of a given or family name (every word must match one of them), or
	 * null
	 * @param dateOfBirth the exact date of birth, or null
	 * @param submittedFrom submitted at or after, or null
	 * @param submittedTo submitted before, or null
	 */
	public record SearchQuery(Status status, String name, LocalDate dateOfBirth, Instant submittedFrom,
			Instant submittedTo) {
	}

	/**
	 * One page of search results.
	 *
	 * @param items the submissions on this page
	 * @param page the page number
	 * @param size the page size
	 * @param totalItems how many match in all
	 */
	public record SearchResult(List<Item> items, int page, int size, long totalItems) {

		/**
		 * A submission in a list.
		 *
		 * @param submissionId the submission
		 * @param patientId the patient
		 * @param givenName given name
		 * @param familyName family name
		 * @param dateOfBirth date of birth
		 * @param status status
		 * @param version current version
		 * @param createdAt when taken in
		 * @param submittedAt when submitted
		 * @param clinicId the patient's clinic
		 */
		public record Item(UUID submissionId, UUID patientId, String givenName, String familyName,
				LocalDate dateOfBirth, Status status, int version, Instant createdAt, Instant submittedAt,
				String clinicId) {
		}

	}

}
