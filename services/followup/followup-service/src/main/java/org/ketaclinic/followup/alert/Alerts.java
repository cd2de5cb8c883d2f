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

import org.ketaclinic.events.AlertId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.events.AlertSource;
import org.ketaclinic.followup.events.UrgentAlertAcknowledged;
import org.ketaclinic.followup.events.UrgentAlertRaised;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.security.InCallersClinics;
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
			Map.entry("NON_RESPONSE_AFTER_INDUCTION", "less than 25% PHQ-9 reduction after the induction series"),
			Map.entry("SCR-URG-01", "suicidal ideation with intent or a plan (C-SSRS)"),
			Map.entry("SCR-URG-02", "suicidal behaviour in the past 3 months (C-SSRS)"),
			Map.entry("SCR-URG-03", "thoughts of self-harm on more than half the days (PHQ-9 item 9 >= 2)"),
			Map.entry("SCR-URG-04", "thoughts of self-harm without a structured suicide assessment"),
			Map.entry("SCR-URG-05", "severe-range blood pressure"),
			Map.entry("PHQ9_ITEM9", "thoughts of self-harm (PHQ-9 item 9)"),
			Map.entry("CSSRS_WISH_DEAD", "wish to be dead (C-SSRS)"),
			Map.entry("CSSRS_ACTIVE_THOUGHTS", "active suicidal thoughts (C-SSRS)"),
			Map.entry("CSSRS_METHOD", "thoughts of a method (C-SSRS)"),
			Map.entry("CSSRS_INTENT", "suicidal intent (C-SSRS)"), Map.entry("CSSRS_PLAN", "a suicide plan (C-SSRS)"),
			Map.entry("CSSRS_BEHAVIOUR", "suicidal behaviour (C-SSRS)"),
			Map.entry("SEVERE_BLOOD_PRESSURE", "severe-range blood pressure"),
			Map.entry("CRISIS_WORDS", "crisis words in a text from the patient"));

	/** What can raise an alert. */
	public static final List<String> SOURCES = List.of("SCREENING", "CHECK_IN", "PRE_DOSE", "SMS_REPLY");

	private final JdbcClient jdbc;

	private final FollowupProperties.Alerts deadlines;

	private final Paging paging;

	private final Outbox outbox;

	private final Clock clock;

	private final ClinicScope scope;

	Alerts(JdbcClient jdbc, FollowupProperties properties, Paging paging, Outbox outbox, Clock clock,
			ClinicScope scope) {
		this.scope = scope;
		this.jdbc = jdbc;
		this.deadlines = properties.alerts();
		this.paging = paging;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Raises a check-in's alert once per origin.
	 * @param origin what raised it, e.g. {@code <check-in>:SAFETY}
	 * @return the alert's id (the existing one if the origin raised one before)
	 */
	@Transactional
	public UUID raise(UUID patientId, UUID checkInId, String severity, String lead, List<String> reasons,
			String origin) {
		return raise(patientId, checkInId, severity, "CHECK_IN", null, lead, reasons, origin);
	}

	/**
	 * Raises an alert once per origin. An urgent one publishes {@code UrgentAlertRaised}
	 * and pages the primary on call at once, in the same transaction.
	 * @param source {@code SCREENING}, {@code CHECK_IN}, {@code PRE_DOSE} or
	 * {@code SMS_REPLY}
	 * @param locationId whose roster is paged first (null: the clinic-wide one)
	 * @param origin what raised it, e.g. {@code <check-in>:SAFETY}
	 * @return the alert's id (the existing one if the origin raised one before)
	 */
	@Transactional
	public UUID raise(UUID patientId, UUID checkInId, String severity, String source, UUID locationId, String lead,
			List<String> reasons, String origin) {
		return raise(patientId, checkInId, severity, source, locationId, lead, reasons, origin, null);
	}

	/**
	 * Raises an alert once per origin, in the clinic an event named (null: the patient's,
	 * or the default clinic while follow-up has no record of the patient).
	 * @see #raise(UUID, UUID, String, String, UUID, String, List, String)
	 */
	@Transactional
	public UUID raise(UUID patientId, UUID checkInId, String severity, String source, UUID locationId, String lead,
			List<String> reasons, String origin, String clinicId) {
		if (!SOURCES.contains(source)) {
			throw new IllegalArgumentException("unknown alert source " + source);
		}
		boolean urgent = "URGENT".equals(severity);
		Instant now = this.clock.instant();
		Duration within = "URGENT".equals(severity) ? this.deadlines.urgentWithin() : this.deadlines.reviewWithin();
		String reason = lead + ": "
				+ reasons.stream().map((code) -> WORDS.getOrDefault(code, code)).collect(Collectors.joining("; "));
		UUID id = UUID.randomUUID();
		String clinic = (clinicId != null) ? clinicId : clinicOf(patientId);
		int raised = this.jdbc.sql("""
				INSERT INTO alert (alert_id, patient_id, check_in_id, severity, reason, reasons, origin, created_at,
					acknowledge_by, status, source, location_id, paging_level, clinic_id, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, 1)
				ON CONFLICT (origin) DO NOTHING
				""")
			.params(id, patientId, checkInId, severity, reason, reasons.toArray(String[]::new), origin,
					Timestamp.from(now), Timestamp.from(now.plus(within)), source, locationId, urgent ? 0 : null,
					clinic)
			.update();
		if (raised == 0) {
			return this.jdbc.sql("SELECT alert_id FROM alert WHERE origin = ?")
				.param(origin)
				.query(UUID.class)
				.single();
		}
		if (urgent) {
			this.outbox.publish(new UrgentAlertRaised(new PatientId(patientId), new AlertId(id),
					AlertSource.valueOf(source), now, clinic, 1L));
			this.paging.start(id, patientId, locationId, clinic, now);
		}
		return id;
	}

	/** The open alert an origin raised, if any. */
	public Optional<Alert> openByOrigin(String origin) {
		return this.jdbc.sql("SELECT * FROM alert WHERE origin = ? AND status = 'OPEN'")
			.param(origin)
			.query(Alerts::alert)
			.optional();
	}

	/**
	 * Alerts of the current caller's clinics with a status, urgent first, then oldest
	 * first.
	 */
	@InCallersClinics
	public List<Alert> withStatus(String status) {
		return this.jdbc.sql("""
				SELECT * FROM alert WHERE status = ? AND clinic_id = ANY(?)
				ORDER BY CASE severity WHEN 'URGENT' THEN 0 ELSE 1 END, created_at
				LIMIT 500
				""").params(status, this.scope.sqlArray()).query(Alerts::alert).list();
	}

	/** A patient's alerts of the current caller's clinics, newest first. */
	@InCallersClinics
	public List<Alert> ofPatient(UUID patientId) {
		return this.jdbc.sql("SELECT * FROM alert WHERE patient_id = ? AND clinic_id = ANY(?) ORDER BY created_at DESC")
			.params(patientId, this.scope.sqlArray())
			.query(Alerts::alert)
			.list();
	}

	/** For the system (events, schedulers): not scoped to a caller's clinics. */
	public Optional<Alert> find(UUID alertId) {
		return this.jdbc.sql("SELECT * FROM alert WHERE alert_id = ?").param(alertId).query(Alerts::alert).optional();
	}

	/**
	 * An alert of the current caller's clinics; empty for another clinic's, as for an
	 * unknown one.
	 */
	@InCallersClinics
	public Optional<Alert> findInScope(UUID alertId) {
		return this.jdbc.sql("SELECT * FROM alert WHERE alert_id = ? AND clinic_id = ANY(?)")
			.params(alertId, this.scope.sqlArray())
			.query(Alerts::alert)
			.optional();
	}

	/**
	 * Acknowledges an alert of the current caller's clinics with a note. Acknowledging
	 * again changes nothing, so a retry is safe.
	 */
	@Transactional
	@InCallersClinics
	public Alert acknowledge(UUID alertId, String note, String by) {
		return acknowledge(alertId, note, by, this.scope.sqlArray());
	}

	/**
	 * Acknowledges an alert for the system (an event: a screening decision), which has no
	 * caller and so no clinics to scope by; the alert keeps its own clinic.
	 */
	@Transactional
	public Alert acknowledgeForSystem(UUID alertId, String note, String by) {
		String clinic = find(alertId).map(Alert::clinicId)
			.orElseThrow(() -> new NotFoundException("No alert " + alertId));
		return acknowledge(alertId, note, by, new String[] { clinic });
	}

	private Alert acknowledge(UUID alertId, String note, String by, String[] clinics) {
		Instant now = this.clock.instant();
		int acknowledged = this.jdbc.sql("""
				UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, note = ?,
					next_escalation_at = NULL, version = version + 1
				WHERE alert_id = ? AND status = 'OPEN' AND clinic_id = ANY(?)
				""").params(Timestamp.from(now), by, note, alertId, clinics).update();
		Alert alert = this.jdbc.sql("SELECT * FROM alert WHERE alert_id = ? AND clinic_id = ANY(?)")
			.params(alertId, clinics)
			.query(Alerts::alert)
			.optional()
			.orElseThrow(() -> new NotFoundException("No alert " + alertId));
		if (acknowledged > 0 && "URGENT".equals(alert.severity())) {
			this.paging.stop(alertId, now);
			this.outbox.publish(new UrgentAlertAcknowledged(new PatientId(alert.patientId()), new AlertId(alertId), now,
					alert.clinicId(), version(alertId)));
		}
		return alert;
	}

	/**
	 * The alert's version: 1 when raised, one more when acknowledged. Its events carry it
	 * ({@code alertVersion}) so that consumers apply only newer state (issue 19).
	 */
	private long version(UUID alertId) {
		return this.jdbc.sql("SELECT version FROM alert WHERE alert_id = ?").param(alertId).query(Long.class).single();
	}

	private String clinicOf(UUID patientId) {
		return this.jdbc.sql("SELECT clinic_id FROM patient WHERE patient_id = ?")
			.param(patientId)
			.query(String.class)
			.optional()
			.orElse(this.scope.defaultClinic());
	}

	private static Alert alert(ResultSet rs, int row) throws SQLException {
		Array reasons = rs.getArray("reasons");
		Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
		Timestamp unpaged = rs.getTimestamp("unpaged_since");
		return new Alert(rs.getObject("alert_id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getObject("check_in_id", UUID.class), rs.getString("severity"), rs.getString("reason"),
				Arrays.asList((String[]) reasons.getArray()), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("acknowledge_by").toInstant(), rs.getString("status"),
				(acknowledged != null) ? acknowledged.toInstant() : null, rs.getString("acknowledged_by"),
				rs.getString("note"), rs.getString("source"), (unpaged != null) ? unpaged.toInstant() : null,
				rs.getString("clinic_id"));
	}

}
