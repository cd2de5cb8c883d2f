package org.ketaclinic.followup.checkin;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.followup.policy.CheckInKind;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.security.InCallersClinics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every check-in and its answers. */
@Repository
public class CheckIns {

	private final JdbcClient jdbc;

	private final CheckInLinks links;

	private final ClinicScope scope;

	CheckIns(JdbcClient jdbc, CheckInLinks links, ClinicScope scope) {
		this.jdbc = jdbc;
		this.links = links;
		this.scope = scope;
	}

	/**
	 * Creates a check-in once per origin.
	 * @return its id, or empty if the origin created one before
	 */
	Optional<UUID> create(UUID patientId, CheckInKind kind, Integer day, String origin, Instant dueAt,
			String requestedBy) {
		UUID id = UUID.randomUUID();
		UUID nonce = UUID.randomUUID();
		int created = this.jdbc
			.sql("""
					INSERT INTO check_in (check_in_id, patient_id, kind, day_number, origin, due_at, token_nonce, token_hash,
						status, requested_by, clinic_id)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, COALESCE((SELECT p.clinic_id FROM patient p WHERE p.patient_id = ?), ?))
					ON CONFLICT (origin) DO NOTHING
					""")
			.params(id, patientId, kind.name(), day, origin, Timestamp.from(dueAt), nonce,
					CheckInLinks.hash(this.links.token(nonce)), requestedBy, patientId, this.scope.defaultClinic())
			.update();
		return (created > 0) ? Optional.of(id) : Optional.empty();
	}

	public Optional<CheckIn> find(UUID checkInId) {
		return this.jdbc.sql("SELECT * FROM check_in WHERE check_in_id = ?")
			.param(checkInId)
			.query(CheckIns::checkIn)
			.optional();
	}

	public Optional<CheckIn> byToken(String token) {
		return this.jdbc.sql("SELECT * FROM check_in WHERE token_hash = ?")
			.param(CheckInLinks.hash(token))
			.query(CheckIns::checkIn)
			.optional();
	}

	Optional<CheckIn> lockByToken(String token) {
		return this.jdbc.sql("SELECT * FROM check_in WHERE token_hash = ? FOR UPDATE")
			.param(CheckInLinks.hash(token))
			.query(CheckIns::checkIn)
			.optional();
	}

	/**
	 * Starts a link's validity as it is sent; later sends keep it. Until a send has
	 * reached the patient (the check-in still {@code PLANNED}) every attempt starts it
	 * again, so a provider outage does not use up the time the patient has to answer.
	 */
	public Instant startValidity(UUID checkInId, Instant expiresAt) {
		this.jdbc.sql("""
				UPDATE check_in SET expires_at = ? WHERE check_in_id = ? AND (expires_at IS NULL OR status = 'PLANNED')
				""").params(Timestamp.from(expiresAt), checkInId).update();
		return find(checkInId).map(CheckIn::expiresAt).orElse(expiresAt);
	}

	/** The link went out. */
	public void sent(UUID checkInId) {
		this.jdbc.sql("UPDATE check_in SET status = 'SENT' WHERE check_in_id = ? AND status = 'PLANNED'")
			.param(checkInId)
			.update();
	}

	void answered(UUID checkInId, Instant at, List<Integer> items, Integer total, int item9, Integer moodRating,
			List<String> symptoms, String safetyJson, String responseStatus) {
		this.jdbc
			.sql("""
					UPDATE check_in SET status = 'ANSWERED', answered_at = ?, phq9_items = ?, phq9_total = ?, phq9_item9 = ?,
						mood_rating = ?, symptoms = ?, safety = ?::jsonb, response_status = ?
					WHERE check_in_id = ?
					""")
			.params(Timestamp.from(at), items.toArray(Integer[]::new), total, item9, moodRating,
					symptoms.toArray(String[]::new), safetyJson, responseStatus, checkInId)
			.update();
	}

	/** A patient's answered check-ins, oldest first; for the system, not scoped. */
	public List<CheckIn> answeredBy(UUID patientId) {
		return this.jdbc.sql(
				"SELECT * FROM check_in WHERE patient_id = ? AND status = 'ANSWERED' ORDER BY answered_at, check_in_id")
			.param(patientId)
			.query(CheckIns::checkIn)
			.list();
	}

	/** A patient's answered check-ins of the current caller's clinics, oldest first. */
	@InCallersClinics
	public List<CheckIn> answeredInScope(UUID patientId) {
		return this.jdbc.sql("""
				SELECT * FROM check_in WHERE patient_id = ? AND status = 'ANSWERED' AND clinic_id = ANY(?)
				ORDER BY answered_at, check_in_id
				""").params(patientId, this.scope.sqlArray()).query(CheckIns::checkIn).list();
	}

	/**
	 * Cancels the patient's planned check-ins of a kind (induction ones once the series
	 * ends).
	 */
	List<UUID> cancelPlanned(UUID patientId, CheckInKind kind) {
		return this.jdbc.sql("""
				UPDATE check_in SET status = 'CANCELLED' WHERE patient_id = ? AND kind = ? AND status = 'PLANNED'
				RETURNING check_in_id
				""").params(patientId, kind.name()).query(UUID.class).list();
	}

	private static CheckIn checkIn(ResultSet rs, int row) throws SQLException {
		Timestamp expires = rs.getTimestamp("expires_at");
		Timestamp answered = rs.getTimestamp("answered_at");
		Array symptoms = rs.getArray("symptoms");
		return new CheckIn(rs.getObject("check_in_id", UUID.class), rs.getObject("patient_id", UUID.class),
				CheckInKind.valueOf(rs.getString("kind")), (Integer) rs.getObject("day_number"),
				rs.getTimestamp("due_at").toInstant(), rs.getObject("token_nonce", UUID.class),
				(expires != null) ? expires.toInstant() : null, rs.getString("status"),
				(answered != null) ? answered.toInstant() : null, (Integer) rs.getObject("phq9_total"),
				(Integer) rs.getObject("phq9_item9"), rs.getString("response_status"),
				(symptoms != null) ? Arrays.asList((String[]) symptoms.getArray()) : List.of(),
				rs.getString("clinic_id"));
	}

}
