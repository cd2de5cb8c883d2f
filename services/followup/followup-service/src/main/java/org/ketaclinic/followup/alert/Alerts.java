package org.ketaclinic.followup.alert;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Raises, lists and acknowledges clinician alerts. */
@Service
public class Alerts {

	private static final Map<String, String> WORDS = Map.ofEntries(
			Map.entry("PHQ9_ITEM9_AT_LEAST_2", "thoughts of self-harm on several days or more (PHQ-9 item 9 >= 2)"),
			Map.entry("PHQ9_ITEM9_IS_1", "thoughts of self-harm on some days (PHQ-9 item 9 = 1)"),
			Map.entry("SUICIDAL_INTENT", "suicidal intent"), Map.entry("SUICIDAL_PLAN", "a suicide plan"),
			Map.entry("SUICIDAL_BEHAVIOUR", "suicidal behaviour since the last contact"),
			Map.entry("SEVERE_SYMPTOM_SEVERE_HEADACHE", "severe headache"),
			Map.entry("SEVERE_SYMPTOM_CHEST_PAIN", "chest pain"),
			Map.entry("SEVERE_SYMPTOM_BREATHLESSNESS", "breathlessness"),
			Map.entry("SEVERE_SYMPTOM_VISUAL_CHANGE", "visual change"),
			Map.entry("SEVERE_SYMPTOM_CONFUSION", "confusion"), Map.entry("URINARY_SYMPTOMS", "urinary symptoms"),
			Map.entry("CRAVING_OR_NON_MEDICAL_USE", "craving or non-medical use"),
			Map.entry("MOOD_ELEVATION", "mood elevation or less need for sleep"),
			Map.entry("MEMORY_OR_CONCENTRATION", "memory or concentration problems"),
			Map.entry("CLINICALLY_SIGNIFICANT_WORSENING", "PHQ-9 up by 5 or more points"),
			Map.entry("LOSS_OF_RESPONSE", "loss of response on consecutive check-ins"),
			Map.entry("LOSS_OF_REMISSION", "PHQ-9 of 10 or more after remission on consecutive check-ins"),
			Map.entry("NON_RESPONSE_AFTER_INDUCTION", "less than 25% PHQ-9 reduction after the induction series"));

	private final JdbcClient jdbc;

	private final FollowupProperties.Alerts deadlines;

	private final Clock clock;

	Alerts(JdbcClient jdbc, FollowupProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.deadlines = properties.alerts();
		this.clock = clock;
	}

	/**
	 * Raises an alert once per origin.
	 * @param origin what raised it, e.g. {@code <check-in>:SAFETY}
	 * @return the alert's id (the existing one if the origin raised one before)
	 */
	@Transactional
	public UUID raise(UUID patientId, UUID checkInId, String severity, String lead, List<String> reasons,
			String origin) {
		Instant now = this.clock.instant();
		Duration within = "URGENT".equals(severity) ? this.deadlines.urgentWithin() : this.deadlines.reviewWithin();
		String reason = lead + ": "
				+ reasons.stream().map((code) -> WORDS.getOrDefault(code, code)).collect(Collectors.joining("; "));
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO alert (alert_id, patient_id, check_in_id, severity, reason, reasons, origin, created_at,
					acknowledge_by, status)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')
				ON CONFLICT (origin) DO NOTHING
				""")
			.params(id, patientId, checkInId, severity, reason, reasons.toArray(String[]::new), origin,
					Timestamp.from(now), Timestamp.from(now.plus(within)))
			.update();
		return this.jdbc.sql("SELECT alert_id FROM alert WHERE origin = ?").param(origin).query(UUID.class).single();
	}

	/** Alerts with a status, urgent first, then oldest first. */
	public List<Alert> withStatus(String status) {
		return this.jdbc.sql("""
				SELECT * FROM alert WHERE status = ?
				ORDER BY CASE severity WHEN 'URGENT' THEN 0 ELSE 1 END, created_at
				LIMIT 500
				""").param(status).query(Alerts::alert).list();
	}

	public List<Alert> ofPatient(UUID patientId) {
		return this.jdbc.sql("SELECT * FROM alert WHERE patient_id = ? ORDER BY created_at DESC")
			.param(patientId)
			.query(Alerts::alert)
			.list();
	}

	public Optional<Alert> find(UUID alertId) {
		return this.jdbc.sql("SELECT * FROM alert WHERE alert_id = ?").param(alertId).query(Alerts::alert).optional();
	}

	/**
	 * Acknowledges an alert with a note. Acknowledging again changes nothing, so a retry
	 * is safe.
	 */
	@Transactional
	public Alert acknowledge(UUID alertId, String note, String by) {
		this.jdbc.sql("""
				UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, note = ?
				WHERE alert_id = ? AND status = 'OPEN'
				""").params(Timestamp.from(this.clock.instant()), by, note, alertId).update();
		return find(alertId).orElseThrow(() -> new NotFoundException("No alert " + alertId));
	}

	private static Alert alert(ResultSet rs, int row) throws SQLException {
		Array reasons = rs.getArray("reasons");
		Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
		return new Alert(rs.getObject("alert_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getObject("check_in_id", UUID.class), rs.getString("severity"), rs.getString("reason"),
				Arrays.asList((String[]) reasons.getArray()), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("acknowledge_by").toInstant(), rs.getString("status"),
				(acknowledged != null) ? acknowledged.toInstant() : null, rs.getString("acknowledged_by"),
				rs.getString("note"));
	}

}
