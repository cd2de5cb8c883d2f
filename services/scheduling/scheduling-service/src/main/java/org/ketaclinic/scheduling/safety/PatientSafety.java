package org.ketaclinic.scheduling.safety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.ConflictException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other services told scheduling about a patient's safety (consent to treatment,
 * urgent screening findings, urgent alerts) and the positive pre-dose checks recorded
 * here: the facts {@link DosingHolds} decides on.
 */
@Component
public class PatientSafety {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SafetyProperties settings;

	private final ClinicScope clinicScope;

	PatientSafety(JdbcClient jdbc, Clock clock, SafetyProperties settings, ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * Intake's latest word on consent to treatment; an older change never wins. Kept with
	 * the patient's clinic (ADR 12).
	 */
	public void consentChanged(UUID patientId, boolean treatment, Instant changedAt, String clinicId) {
		// on a tie the refusal wins: two changes at one instant are read as not consented
		this.jdbc.sql("""
				INSERT INTO patient_consent (patient_id, treatment, changed_at, clinic_id) VALUES (?, ?, ?, ?)
				ON CONFLICT (patient_id) DO UPDATE SET treatment = excluded.treatment, changed_at = excluded.changed_at,
					clinic_id = excluded.clinic_id
				WHERE excluded.changed_at > patient_consent.changed_at
					OR (excluded.changed_at = patient_consent.changed_at AND NOT excluded.treatment)
				""").params(patientId, treatment, Timestamp.from(changedAt), clinicId).update();
	}

	/**
	 * Screening assessed an intake (or its amendment): keeps when, so a later decision
	 * can close the findings assessed before it.
	 * @return whether the assessment is still open (not decided, not superseded): an
	 * urgent outcome of a closed one opens nothing and stops nothing
	 */
	public boolean assessed(UUID assessmentId, UUID patientId, Instant assessedAt, boolean urgent, String clinicId) {
		this.jdbc.sql("""
				INSERT INTO screening_assessment (assessment_id, patient_id, assessed_at, urgent, clinic_id)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (assessment_id) DO UPDATE
					SET assessed_at = coalesce(screening_assessment.assessed_at, excluded.assessed_at),
					urgent = screening_assessment.urgent OR excluded.urgent, clinic_id = excluded.clinic_id
				""").params(assessmentId, patientId, Timestamp.from(assessedAt), urgent, clinicId).update();
		return this.jdbc.sql("SELECT closed_at IS NULL FROM screening_assessment WHERE assessment_id = ?")
			.param(assessmentId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * An urgent screening outcome of an open assessment: holds dosing until a clinician
	 * decides it or a later assessment of the patient, or an amendment's assessment
	 * supersedes it.
	 */
	public void urgentFinding(UUID assessmentId, UUID patientId, Instant assessedAt, String clinicId) {
		this.jdbc.sql("""
				INSERT INTO urgent_finding (assessment_id, patient_id, assessed_at, clinic_id)
				SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM screening_assessment WHERE assessment_id = ?
					AND closed_at IS NOT NULL)
				ON CONFLICT (assessment_id) DO NOTHING
				""").params(assessmentId, patientId, Timestamp.from(assessedAt), clinicId, assessmentId).update();
	}

	/**
	 * The assessment of an amendment replaced an earlier one: the earlier assessment is
	 * closed, so an urgent outcome of it heard late opens nothing, but its urgent
	 * finding, if any, stays open: an amendment (the front desk editing the answers)
	 * never lifts an urgent hold; only a clinician's decision on it or on a later
	 * assessment does.
	 */
	public void superseded(UUID assessmentId, UUID patientId, Instant at) {
		close(assessmentId, patientId, at, "SUPERSEDED");
	}

	/**
	 * The first urgent screening assessment of the patient made after an approval and not
	 * itself approved nor followed by an approved assessment (open or closed): a booster
	 * standing on that approval needs a fresh clinician review.
	 * @return when it was assessed, or empty
	 */
	public Optional<Instant> urgentAfter(UUID patientId, Instant approvedAt) {
		if (approvedAt == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				SELECT min(f.assessed_at) FROM screening_assessment f WHERE f.patient_id = ? AND f.urgent
					AND f.assessed_at > ? AND NOT EXISTS (SELECT 1 FROM screening_assessment a
						WHERE a.patient_id = f.patient_id AND a.decision = 'APPROVED'
						AND (a.assessment_id = f.assessment_id OR a.assessed_at >= f.assessed_at))
				""")
			.params(patientId, Timestamp.from(approvedAt))
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/**
	 * A clinician decided an assessment (any decision): it is closed for good, and so is
	 * every open urgent finding of the patient assessed at or before it. When scheduling
	 * never heard when the decided assessment was made, only its own finding closes.
	 */
	public void assessmentDecided(UUID patientId, UUID assessmentId, Instant decidedAt, String decision) {
		close(assessmentId, patientId, decidedAt, "DECIDED");
		this.jdbc.sql("UPDATE screening_assessment SET decision = coalesce(decision, ?) WHERE assessment_id = ?")
			.params(decision, assessmentId)
			.update();
		this.jdbc
			.sql("UPDATE urgent_finding SET decided_at = ?, closed_how = 'DECIDED'"
					+ " WHERE assessment_id = ? AND decided_at IS NULL")
			.params(Timestamp.from(decidedAt), assessmentId)
			.update();
		this.jdbc.sql("""
				UPDATE urgent_finding SET decided_at = ?, closed_how = 'LATER_DECISION'
				WHERE patient_id = ? AND decided_at IS NULL AND assessed_at <= (SELECT assessed_at
					FROM screening_assessment WHERE assessment_id = ?)
				""").params(Timestamp.from(decidedAt), patientId, assessmentId).update();
	}

	private void close(UUID assessmentId, UUID patientId, Instant at, String how) {
		this.jdbc.sql("""
				INSERT INTO screening_assessment (assessment_id, patient_id, closed_at, closed_how) VALUES (?, ?, ?, ?)
				ON CONFLICT (assessment_id) DO UPDATE SET closed_at = coalesce(screening_assessment.closed_at,
					excluded.closed_at), closed_how = coalesce(screening_assessment.closed_how, excluded.closed_how)
				""").params(assessmentId, patientId, Timestamp.from(at), how).update();
	}

	/**
	 * Follow-up raised an urgent alert; it holds dosing until acknowledged. Follow-up's
	 * events name no clinic yet: the alert takes that of the patient's newest plan, else
	 * the default clinic.
	 */
	public void alertRaised(UUID alertId, UUID patientId, String source, Instant raisedAt) {
		alertRaised(alertId, patientId, source, raisedAt, null);
	}

	/**
	 * Follow-up raised an urgent alert; it holds dosing until acknowledged, unless this
	 * raise is older than what was applied (issue 19): a raise replayed after its
	 * acknowledgement never re-opens the hold. Its own facts (source, when raised and
	 * heard) are still kept where missing: an acknowledgement heard first lacks them.
	 * @param version the event's {@code alertVersion}; null from producers before
	 * versions, applied in order of arrival
	 * @return whether it was applied; false for a raise no newer than the last applied
	 */
	public boolean alertRaised(UUID alertId, UUID patientId, String source, Instant raisedAt, Long version) {
		Timestamp now = Timestamp.from(this.clock.instant());
		ensureAlert(alertId, patientId);
		boolean applied = this.jdbc.sql("""
				UPDATE urgent_alert SET source = :source, raised_at = :raisedAt,
					received_at = coalesce(received_at, :now), version = coalesce(CAST(:version AS bigint), version)
				WHERE alert_id = :alertId AND (CAST(:version AS bigint) IS NULL OR version < :version)
				""")
			.param("source", source)
			.param("raisedAt", Timestamp.from(raisedAt))
			.param("now", now)
			.param("version", version)
			.param("alertId", alertId)
			.update() == 1;
		if (!applied) {
			this.jdbc.sql("""
					UPDATE urgent_alert SET source = coalesce(source, ?), raised_at = coalesce(raised_at, ?),
						received_at = coalesce(received_at, ?)
					WHERE alert_id = ?
					""").params(source, Timestamp.from(raisedAt), now, alertId).update();
		}
		return applied;
	}

	/** A clinician acknowledged an urgent alert (this may be heard before the alert). */
	public void alertAcknowledged(UUID alertId, UUID patientId, Instant acknowledgedAt) {
		alertAcknowledged(alertId, patientId, acknowledgedAt, null);
	}

	/**
	 * A clinician acknowledged an urgent alert (this may be heard before the alert),
	 * unless this acknowledgement is no newer than what was applied (issue 19).
	 * @param version the event's {@code alertVersion}; null from producers before
	 * versions, applied in order of arrival
	 * @return whether it was applied
	 */
	public boolean alertAcknowledged(UUID alertId, UUID patientId, Instant acknowledgedAt, Long version) {
		ensureAlert(alertId, patientId);
		return this.jdbc.sql("""
				UPDATE urgent_alert SET acknowledged_at = :acknowledgedAt,
					acknowledged_received_at = coalesce(acknowledged_received_at, :now),
					version = coalesce(CAST(:version AS bigint), version)
				WHERE alert_id = :alertId AND (CAST(:version AS bigint) IS NULL OR version < :version)
				""")
			.param("acknowledgedAt", Timestamp.from(acknowledgedAt))
			.param("now", Timestamp.from(this.clock.instant()))
			.param("version", version)
			.param("alertId", alertId)
			.update() == 1;
	}

	/**
	 * The alert's row, created empty (version 0) when first heard of, so that the
	 * version-guarded updates above lock it and concurrent deliveries cannot race.
	 */
	private void ensureAlert(UUID alertId, UUID patientId) {
		this.jdbc.sql("""
				INSERT INTO urgent_alert (alert_id, patient_id, clinic_id, version)
				VALUES (?, ?, coalesce((SELECT clinic_id FROM treatment_plan
					WHERE patient_id = ? ORDER BY created_at DESC LIMIT 1), ?), 0)
				ON CONFLICT (alert_id) DO NOTHING
				""").params(alertId, patientId, patientId, this.clinicScope.defaultClinic()).update();
	}

	/** Keeps a positive pre-dose check: it holds the patient's dosing until lifted. */
	public void concernRaised(UUID sessionId, UUID patientId, List<String> reasons, Instant at, String by) {
		this.jdbc.sql("""
				INSERT INTO pre_dose_concern (id, session_id, patient_id, reasons, raised_at, raised_by, clinic_id)
				SELECT ?, ?, ?, ?::text[], ?, ?, clinic_id FROM session WHERE id = ?
				""")
			.params(UUID.randomUUID(), sessionId, patientId, "{" + String.join(",", reasons) + "}", Timestamp.from(at),
					by, sessionId)
			.update();
	}

	/** Whether a clinician acknowledged any urgent alert of the patient after a time. */
	public boolean acknowledgedSince(UUID patientId, Instant since) {
		return this.jdbc.sql("""
				SELECT count(*) FROM urgent_alert WHERE patient_id = ? AND acknowledged_received_at > ?
				""").params(patientId, Timestamp.from(since)).query(Integer.class).single() > 0;
	}

	/** What holds this patient's dosing, for a session of a plan in this status. */
	public DosingHolds.Facts facts(UUID patientId, String planStatus) {
		boolean consented = this.jdbc.sql("SELECT treatment FROM patient_consent WHERE patient_id = ?")
			.param(patientId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
		int findings = this.jdbc.sql("SELECT count(*) FROM urgent_finding WHERE patient_id = ? AND decided_at IS NULL")
			.param(patientId)
			.query(Integer.class)
			.single();
		int alerts = this.jdbc.sql("""
				SELECT count(*) FROM urgent_alert WHERE patient_id = ? AND received_at IS NOT NULL
					AND acknowledged_received_at IS NULL
				""").param(patientId).query(Integer.class).single();
		Instant concern = this.jdbc.sql("SELECT max(raised_at) FROM pre_dose_concern WHERE patient_id = ?")
			.param(patientId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElse(null);
		Instant acknowledged = null;
		if (concern != null) {
			// the alert follow-up raised for that check reaches scheduling after the
			// check
			acknowledged = this.jdbc.sql("""
					SELECT min(acknowledged_received_at) FROM urgent_alert WHERE patient_id = ? AND source = 'PRE_DOSE'
						AND received_at >= ? AND acknowledged_received_at IS NOT NULL
					""")
				.params(patientId, Timestamp.from(concern))
				.query(Timestamp.class)
				.optional()
				.map(Timestamp::toInstant)
				.orElse(null);
		}
		return new DosingHolds.Facts(planStatus, consented, findings, alerts, concern, acknowledged);
	}

	/**
	 * Why a session of this plan may not be checked in or started for want of a
	 * maintenance review: a booster on an approval older than
	 * {@code maintenance-review-every-days}.
	 */
	public Optional<String> reviewDue(UUID patientId, String kind, Instant approvedAt) {
		Optional<String> due = DosingHolds.reviewDue(kind, approvedAt, this.clock.instant(),
				this.settings.maintenanceReviewEveryDays());
		if (due.isPresent() || !"BOOSTER".equals(kind)) {
			return due;
		}
		return urgentAfter(patientId, approvedAt).map((urgent) -> "this booster needs a fresh clinician review after"
				+ " the urgent finding of " + java.time.LocalDate.ofInstant(urgent, java.time.ZoneOffset.UTC)
				+ ": its approval was given before it");
	}

	/**
	 * Refuses (409) to check in or start a session of this plan while anything holds the
	 * patient's dosing or the booster's approval is past its maintenance review.
	 * @param action what is refused, e.g. {@code "check in"}
	 */
	public void requireNoHold(UUID patientId, String planStatus, String kind, Instant approvedAt, String action) {
		List<String> holds = new ArrayList<>(DosingHolds.holds(facts(patientId, planStatus)));
		reviewDue(patientId, kind, approvedAt).ifPresent(holds::add);
		if (!holds.isEmpty()) {
			throw new ConflictException("Cannot " + action + ": " + String.join("; ", holds));
		}
	}

	/**
	 * What holds this patient's dosing now, for a session of a plan in this status, in
	 * words; empty when nothing does.
	 */
	public List<String> holds(UUID patientId, String planStatus) {
		return DosingHolds.holds(facts(patientId, planStatus));
	}

}
