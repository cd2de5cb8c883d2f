package org.ketaclinic.screening.review;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.screening.assessment.ScreeningProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening and closing re-reviews, e.g. when follow-up sees a relapse coming. */
@Service
public class ReviewItems {

	private final JdbcClient jdbc;

	private final ScreeningProperties properties;

	private final AuditLog audit;

	private final Clock clock;

	private final ClinicScope clinicScope;

	ReviewItems(JdbcClient jdbc, ScreeningProperties properties, AuditLog audit, Clock clock, ClinicScope clinicScope) {
		this.jdbc = jdbc;
		this.clinicScope = clinicScope;
		this.properties = properties;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Opens a relapse-risk review for the patient's clinician (who signed their latest
	 * decision), due within {@code relapseReviewHours}. It belongs to the patient's
	 * clinic: follow-up's event names none, so the clinic of the patient's latest
	 * assessment, else the default clinic.
	 */
	@Transactional
	public void openRelapseReview(UUID patientId, List<String> reasons, String sourceEventId) {
		String clinician = this.jdbc.sql("""
				SELECT d.decided_by FROM decision d JOIN assessment a ON a.id = d.assessment_id
				WHERE a.patient_id = ? ORDER BY d.decided_at DESC LIMIT 1
				""").param(patientId).query(String.class).optional().orElse(null);
		String clinicId = this.jdbc
			.sql("SELECT clinic_id FROM assessment WHERE patient_id = ? ORDER BY created_at DESC LIMIT 1")
			.param(patientId)
			.query(String.class)
			.optional()
			.orElse(this.clinicScope.defaultClinic());
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					INSERT INTO review_item (id, patient_id, kind, reasons, source_event_id, assigned_to, status, created_at,
						due_at, clinic_id)
					VALUES (?, ?, 'RELAPSE_RISK', ?::text[], ?, ?, 'OPEN', ?, ?, ?) ON CONFLICT (source_event_id) DO NOTHING
					""")
			.params(UUID.randomUUID(), patientId, "{" + String.join(",", reasons) + "}", sourceEventId, clinician,
					Timestamp.from(now),
					Timestamp.from(now.plus(Duration.ofHours(this.properties.relapseReviewHours()))), clinicId)
			.update();
	}

	/** Open items of these clinics, soonest due first. */
	public List<ReviewItem> open(int limit, String[] clinics) {
		return this.jdbc
			.sql("SELECT * FROM review_item WHERE status = 'OPEN' AND clinic_id = ANY(?) ORDER BY due_at LIMIT ?")
			.params(clinics, limit)
			.query(ReviewItems::item)
			.list();
	}

	/**
	 * Closes an item of one of these clinics with a note; closing it again answers the
	 * first closure. Another clinic's item is not found.
	 */
	@Transactional
	public ReviewItem close(UUID id, String note, String by, String[] clinics) {
		ReviewItem item = find(id, clinics, true).orElseThrow(() -> new NotFoundException("No review item " + id));
		if ("OPEN".equals(item.status())) {
			this.jdbc
				.sql("""
						UPDATE review_item SET status = 'CLOSED', closed_by = ?, closed_at = ?, closing_note = ? WHERE id = ?
						""")
				.params(by, Timestamp.from(this.clock.instant()), note, id)
				.update();
			this.audit.recordChange(item.clinicId(), item.patientId(), "REVIEW_ITEM_CLOSED", "review-item/" + id);
		}
		return find(id, clinics, false).orElseThrow();
	}

	private Optional<ReviewItem> find(UUID id, String[] clinics, boolean lock) {
		return this.jdbc
			.sql("SELECT * FROM review_item WHERE id = ? AND clinic_id = ANY(?)" + (lock ? " FOR UPDATE" : ""))
			.params(id, clinics)
			.query(ReviewItems::item)
			.optional();
	}

	private static ReviewItem item(ResultSet rs, int row) throws SQLException {
		Array reasons = rs.getArray("reasons");
		Timestamp closedAt = rs.getTimestamp("closed_at");
		return new ReviewItem(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getString("kind"), Arrays.asList((String[]) reasons.getArray()), rs.getString("assigned_to"),
				rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("due_at").toInstant(), rs.getString("closed_by"),
				(closedAt != null) ? closedAt.toInstant() : null, rs.getString("clinic_id"));
	}

}
