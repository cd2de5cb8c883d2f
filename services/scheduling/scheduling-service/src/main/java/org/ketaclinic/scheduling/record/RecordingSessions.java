package org.ketaclinic.scheduling.record;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ketaclinic.events.LocationId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.booking.SessionStatus;
import org.ketaclinic.scheduling.booking.Sessions;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.events.PreDoseConcernRaised;
import org.ketaclinic.scheduling.events.PreDoseReason;
import org.ketaclinic.scheduling.events.Protocol;
import org.ketaclinic.scheduling.events.Route;
import org.ketaclinic.scheduling.events.SessionCompleted;
import org.ketaclinic.scheduling.events.SideEffect;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;
import org.ketaclinic.scheduling.safety.DosingHolds;
import org.ketaclinic.scheduling.safety.PatientSafety;
import org.ketaclinic.scheduling.safety.SafetyProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What clinicians record about a session: the pre-dose check (vitals through the
 * blood-pressure gate, the suicide check since the last visit, the escort), a signed-in
 * prescriber's confirmation of an elevated pressure, the start, and the completion with
 * dose, observations and discharge ({@code SessionCompleted}). A positive check holds the
 * dose and publishes {@code PreDoseConcernRaised}; nothing starts or completes while
 * anything holds the patient's dosing.
 */
@Service
public class RecordingSessions {

	/** Side effects recorded as codes, so they can travel on Kafka. */
	public static final Set<String> SIDE_EFFECTS = Set.of("DISSOCIATION", "SEDATION", "NAUSEA", "VOMITING", "DIZZINESS",
			"HEADACHE", "BLOOD_PRESSURE_RISE", "ANXIETY", "OTHER");

	/**
	 * What to do when a hold appears while a session is in progress: the completion is
	 * refused, and nothing of it is recorded.
	 */
	static final String HELD_COMPLETION = "The session stays in progress and nothing of this completion is recorded:"
			+ " keep the patient under observation until a clinician has reviewed what holds them, keep the dose,"
			+ " times, vitals and discharge you sent, and send this completion again once the hold is resolved (the"
			+ " urgent alert or the pre-dose concern acknowledged by the on-call clinician, the urgent finding"
			+ " decided, consent recorded). A plan stopped during the dose is not resumed here: record the dose given"
			+ " in the patient's clinical record and tell the prescriber";

	private final JdbcClient jdbc;

	private final Sessions sessions;

	private final SessionStatus status;

	private final Plans plans;

	private final PatientSafety safety;

	private final SafetyProperties settings;

	private final Outbox outbox;

	private final Clock clock;

	private final BloodPressureGate gate;

	RecordingSessions(JdbcClient jdbc, Sessions sessions, SessionStatus status, Plans plans, PatientSafety safety,
			SafetyProperties settings, Outbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.sessions = sessions;
		this.status = status;
		this.plans = plans;
		this.safety = safety;
		this.settings = settings;
		this.outbox = outbox;
		this.clock = clock;
		this.gate = settings.gate();
	}

	/**
	 * Records the pre-dose check of a checked-in patient: vitals through the gate, the
	 * safety answers since the last visit, and the escort. A positive answer or a
	 * severe-range pressure holds the dose and publishes {@code PreDoseConcernRaised}. A
	 * new check replaces the previous one (and its prescriber confirmation); the same
	 * check sent again before anything changed answers the first.
	 * @param confirmElevatedPressure the signed-in clinician ({@code by}) confirms, as
	 * prescriber, going ahead with an elevated pressure
	 * @return the check as it stands
	 */
	@Transactional
	public PreDoseResult preDose(UUID sessionId, PreDose vitals, PreDoseSafety answers, boolean escortConfirmed,
			boolean confirmElevatedPressure, String by, String[] clinics) {
		List<String> missing = answers.missing();
		if (!missing.isEmpty()) {
			throw new InvalidRequestException(missing.stream()
				.map((field) -> new FieldError(field, "is required: answer every safety question"))
				.toList());
		}
		Session session = this.status.locked(sessionId, clinics);
		if (!"CHECKED_IN".equals(session.status())) {
			throw new ConflictException(
					"The pre-dose check is recorded after check-in; this session is " + session.status());
		}
		BloodPressureGate.Result result = this.gate.check(vitals.systolicBp(), vitals.diastolicBp(), vitals.ageYears());
		List<String> concerns = new ArrayList<>(answers.concerns());
		if (result == BloodPressureGate.Result.URGENT_DEFERRAL) {
			concerns.add("SEVERE_BLOOD_PRESSURE");
		}
		String fingerprint = String.join("|", String.valueOf(vitals.systolicBp()), String.valueOf(vitals.diastolicBp()),
				String.valueOf(vitals.heartRate()), String.valueOf(vitals.spo2()), String.valueOf(vitals.ageYears()),
				answers.toString(), String.valueOf(escortConfirmed));
		Optional<StoredCheck> previous = current(session);
		if (previous.isPresent() && fingerprint.equals(previous.get().fingerprint())
				&& !this.safety.acknowledgedSince(session.patientId(), previous.get().recordedAt())) {
			// a retry: nothing new to record or page
			if (confirmElevatedPressure) {
				confirmIfRequired(session, by);
			}
			return result(session);
		}
		Instant now = this.clock.instant();
		String confirmedBy = (result == BloodPressureGate.Result.PRESCRIBER_CONFIRMATION_REQUIRED
				&& confirmElevatedPressure) ? by : null;
		this.jdbc
			.sql("""
					INSERT INTO session_record (session_id, pre_systolic_bp, pre_diastolic_bp, pre_heart_rate, pre_spo2,
						age_years, bp_gate, prescriber_confirmed_by, prescriber_confirmed_at, pre_dose_recorded_by,
						pre_dose_recorded_at, phq9_item9, cssrs_wish_dead, cssrs_active_thoughts, cssrs_method, cssrs_intent,
						cssrs_plan_with_intent, cssrs_behaviour, pre_dose_escort_confirmed, concern_reasons,
						pre_dose_fingerprint)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?)
					ON CONFLICT (session_id) DO UPDATE SET pre_systolic_bp = excluded.pre_systolic_bp,
						pre_diastolic_bp = excluded.pre_diastolic_bp, pre_heart_rate = excluded.pre_heart_rate,
						pre_spo2 = excluded.pre_spo2, age_years = excluded.age_years, bp_gate = excluded.bp_gate,
						prescriber_confirmed_by = excluded.prescriber_confirmed_by,
						prescriber_confirmed_at = excluded.prescriber_confirmed_at,
						pre_dose_recorded_by = excluded.pre_dose_recorded_by,
						pre_dose_recorded_at = excluded.pre_dose_recorded_at, phq9_item9 = excluded.phq9_item9,
						cssrs_wish_dead = excluded.cssrs_wish_dead, cssrs_active_thoughts = excluded.cssrs_active_thoughts,
						cssrs_method = excluded.cssrs_method, cssrs_intent = excluded.cssrs_intent,
						cssrs_plan_with_intent = excluded.cssrs_plan_with_intent, cssrs_behaviour = excluded.cssrs_behaviour,
						pre_dose_escort_confirmed = excluded.pre_dose_escort_confirmed,
						concern_reasons = excluded.concern_reasons, pre_dose_fingerprint = excluded.pre_dose_fingerprint,
						pre_dose_voided_at = NULL, pre_dose_void_reason = NULL
					""")
			.params(sessionId, vitals.systolicBp(), vitals.diastolicBp(), vitals.heartRate(), vitals.spo2(),
					vitals.ageYears(), result.name(), confirmedBy, (confirmedBy != null) ? Timestamp.from(now) : null,
					by, Timestamp.from(now), answers.phq9Item9(), answers.wishDead(), answers.activeThoughts(),
					answers.method(), answers.intent(), answers.planWithIntent(), answers.behaviour(), escortConfirmed,
					"{" + String.join(",", concerns) + "}", fingerprint)
			.update();
		if (!concerns.isEmpty()) {
			this.safety.concernRaised(sessionId, session.patientId(), concerns, now, by);
			this.outbox.publish(new PreDoseConcernRaised(new PatientId(session.patientId()),
					new PlanId(session.planId()), new SessionId(sessionId), new LocationId(session.locationId()),
					concerns.stream().map(PreDoseReason::valueOf).toList(), now, session.clinicId()));
		}
		return result(session);
	}

	/**
	 * The signed-in clinician confirms, as prescriber, going ahead with the elevated
	 * pressure of the latest pre-dose check; confirming again answers the first.
	 */
	@Transactional
	public PreDoseResult confirmPrescriber(UUID sessionId, String by, String[] clinics) {
		Session session = this.status.locked(sessionId, clinics);
		if (!"CHECKED_IN".equals(session.status())) {
			throw new ConflictException(
					"A prescriber confirms before the start of a checked-in session; this one is " + session.status());
		}
		StoredCheck check = current(session)
			.orElseThrow(() -> new ConflictException("Record the pre-dose check before a prescriber confirms"));
		if (!BloodPressureGate.Result.PRESCRIBER_CONFIRMATION_REQUIRED.name().equals(check.gate())) {
			throw new ConflictException("The latest pre-dose blood pressure is " + check.gate()
					+ ": there is nothing for a prescriber to confirm");
		}
		confirmIfRequired(session, by);
		return result(session);
	}

	/**
	 * Starts a session only when nothing holds the patient's dosing and its latest
	 * pre-dose check is negative, confirmed the escort, and passed the gate (clear, or
	 * confirmed by a signed-in prescriber).
	 */
	@Transactional
	public Session start(UUID sessionId, String by, String[] clinics) {
		Session session = this.status.locked(sessionId, clinics);
		if ("IN_PROGRESS".equals(session.status())) {
			return session;
		}
		if (!"CHECKED_IN".equals(session.status())) {
			throw new ConflictException("Only a checked-in session can start; this one is " + session.status());
		}
		List<String> refusals = startRefusals(session);
		if (!refusals.isEmpty()) {
			throw new ConflictException("The session cannot start: " + String.join("; ", refusals));
		}
		return this.status.change(session, "IN_PROGRESS", by, null);
	}

	/**
	 * Completes a session with what was given and observed, and publishes it. Discharge
	 * comes no earlier than the protocol's minimum observation after dosing ended. While
	 * anything holds the patient (a hold that appeared during the dose) it is refused
	 * (409) with what to do: the clinician sends it again once the hold is resolved.
	 */
	@Transactional
	public Session complete(UUID sessionId, Completion completion, String by, String[] clinics) {
		Session session = this.status.locked(sessionId, clinics);
		if ("COMPLETED".equals(session.status())) {
			return session;
		}
		if (!"IN_PROGRESS".equals(session.status())) {
			throw new ConflictException("Only a session in progress can be completed; this one is " + session.status());
		}
		TreatmentPlan plan = this.plans.find(session.planId(), Clinics.only(session.clinicId())).orElseThrow();
		Duration observation = this.settings.postObservation(plan.protocol());
		Instant inProgressAt = this.sessions.lastChangedTo(sessionId, "IN_PROGRESS").orElseThrow();
		List<FieldError> errors = completion.problems(observation, inProgressAt, this.clock.instant(),
				this.settings.recordTimeTolerance());
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		List<String> holds = this.safety.holds(session.patientId(), plan.status());
		if (!holds.isEmpty()) {
			throw new ConflictException(
					"Cannot complete the session: " + String.join("; ", holds) + ". " + HELD_COMPLETION);
		}
		StoredCheck check = stored(sessionId).orElseThrow();
		boolean escort = check.escortConfirmed() || Boolean.TRUE.equals(completion.escortConfirmed());
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					UPDATE session_record SET dose_mg_per_kg = ?, dose_total_mg = ?, route = ?, started_at = ?, ended_at = ?,
						vitals = ?::jsonb, cadss6 = ?, side_effects = ?::text[], discharged_at = ?, escort_confirmed = ?,
						completed_by = ?, completed_at = ?
					WHERE session_id = ?
					""")
			.params(completion.doseMgPerKg(), completion.doseTotalMg(), completion.route(),
					Timestamp.from(completion.startedAt()), Timestamp.from(completion.endedAt()),
					EventJson.mapper().writeValueAsString(completion.vitals()), completion.cadss6(),
					"{" + String.join(",", completion.sideEffects()) + "}", Timestamp.from(completion.dischargedAt()),
					escort, by, Timestamp.from(now), sessionId)
			.update();
		Session completed = this.status.change(session, "COMPLETED", by, null);
		long done = this.sessions.ofPlan(plan.id()).stream().filter((s) -> "COMPLETED".equals(s.status())).count();
		boolean last = done >= plan.sessionsPlanned();
		if (last) {
			this.plans.complete(plan.id());
		}
		this.outbox.publish(new SessionCompleted(new PatientId(session.patientId()), new PlanId(plan.id()),
				new SessionId(sessionId), session.sequence(), Protocol.valueOf(plan.protocol()),
				Route.valueOf(completion.route()), completion.doseMgPerKg(), completion.doseTotalMg(),
				check.systolicBp(), check.diastolicBp(), completion.cadss6(),
				completion.sideEffects().stream().map(SideEffect::valueOf).toList(), escort, completion.dischargedAt(),
				now, last, session.clinicId(), this.sessions.version(sessionId)));
		return completed;
	}

	private void confirmIfRequired(Session session, String by) {
		this.jdbc
			.sql("""
					UPDATE session_record SET prescriber_confirmed_by = ?, prescriber_confirmed_at = ?
					WHERE session_id = ? AND bp_gate = 'PRESCRIBER_CONFIRMATION_REQUIRED' AND prescriber_confirmed_by IS NULL
						AND pre_dose_voided_at IS NULL
					""")
			.params(by, Timestamp.from(this.clock.instant()), session.id())
			.update();
	}

	private List<String> startRefusals(Session session) {
		TreatmentPlan plan = this.plans.find(session.planId(), Clinics.only(session.clinicId())).orElseThrow();
		DosingHolds.Facts facts = this.safety.facts(session.patientId(), plan.status());
		DosingHolds.PreDoseCheck check = current(session)
			.map((c) -> new DosingHolds.PreDoseCheck(c.recordedAt(), c.gate(), c.confirmedBy() != null,
					c.escortConfirmed(), c.concerns(),
					this.gate.deferSystolicAbove() + "/" + this.gate.deferDiastolicAbove()))
			.orElse(null);
		List<String> refusals = new ArrayList<>(DosingHolds.startRefusals(facts, check));
		this.safety.reviewDue(plan.patientId(), plan.kind(), plan.approvedAt())
			.ifPresent((due) -> refusals.add(0, due));
		return refusals;
	}

	private PreDoseResult result(Session session) {
		StoredCheck check = stored(session.id()).orElseThrow();
		return new PreDoseResult(BloodPressureGate.Result.valueOf(check.gate()), check.confirmedBy(),
				check.escortConfirmed(), check.concerns(), startRefusals(session));
	}

	/**
	 * The session's pre-dose check if it counts for the current check-in: not voided (by
	 * leaving {@code CHECKED_IN} or a move) and recorded at or after the session's latest
	 * move into {@code CHECKED_IN} in its status history.
	 */
	private Optional<StoredCheck> current(Session session) {
		Instant checkedIn = this.sessions.lastChangedTo(session.id(), "CHECKED_IN").orElse(null);
		return stored(session.id()).filter((c) -> checkedIn != null && !c.recordedAt().isBefore(checkedIn));
	}

	private Optional<StoredCheck> stored(UUID sessionId) {
		return this.jdbc.sql("""
				SELECT pre_systolic_bp, pre_diastolic_bp, bp_gate, prescriber_confirmed_by, pre_dose_recorded_at,
					coalesce(pre_dose_escort_confirmed, false) AS escort, concern_reasons, pre_dose_fingerprint
				FROM session_record WHERE session_id = ? AND pre_dose_voided_at IS NULL
				""").param(sessionId).query(RecordingSessions::check).optional();
	}

	private static StoredCheck check(ResultSet rs, int row) throws SQLException {
		Array reasons = rs.getArray("concern_reasons");
		return new StoredCheck(rs.getInt("pre_systolic_bp"), rs.getInt("pre_diastolic_bp"), rs.getString("bp_gate"),
				rs.getString("prescriber_confirmed_by"), rs.getTimestamp("pre_dose_recorded_at").toInstant(),
				rs.getBoolean("escort"),
				(reasons != null) ? Arrays.asList((String[]) reasons.getArray()) : List.of("UNANSWERED"),
				rs.getString("pre_dose_fingerprint"));
	}

	/**
	 * A session's latest pre-dose check as stored. A check recorded before the safety
	 * questions existed has no reasons and counts as unanswered.
	 */
	private record StoredCheck(int systolicBp, int diastolicBp, String gate, String confirmedBy, Instant recordedAt,
			boolean escortConfirmed, List<String> concerns, String fingerprint) {
	}

	/**
	 * The pre-dose check as it stands.
	 *
	 * @param gate the blood-pressure gate's verdict
	 * @param prescriberConfirmedBy the signed-in clinician who confirmed an elevated
	 * pressure, if any
	 * @param escortConfirmed whether an escort was confirmed before dosing
	 * @param concerns positive answers' reason codes (and {@code SEVERE_BLOOD_PRESSURE});
	 * any holds the dose
	 * @param startRefusals why the session cannot start now; empty when it can
	 */
	public record PreDoseResult(BloodPressureGate.Result gate, String prescriberConfirmedBy, boolean escortConfirmed,
			List<String> concerns, List<String> startRefusals) {
	}

	/**
	 * Pre-dose vitals.
	 *
	 * @param systolicBp systolic pressure
	 * @param diastolicBp diastolic pressure
	 * @param heartRate heart rate
	 * @param spo2 oxygen saturation, percent
	 * @param ageYears the patient's age today (the gate is stricter under 65)
	 */
	public record PreDose(int systolicBp, int diastolicBp, int heartRate, Integer spo2, int ageYears) {
	}

	/**
	 * What was given and observed.
	 *
	 * @param doseMgPerKg dose per kilogram, for weight-based IV dosing
	 * @param doseTotalMg total dose in mg
	 * @param route IV or INTRANASAL
	 * @param startedAt dosing start: no earlier than the recorded start of the session (2
	 * minutes' clock skew allowed by default: {@code record-time-tolerance})
	 * @param endedAt dosing end
	 * @param vitals vitals during and after, e.g. {@code [{"at": "...", "systolicBp":
	 * 150, ...}]}
	 * @param cadss6 dissociation score, 0–24
	 * @param sideEffects side-effect codes
	 * @param dischargedAt discharge time, at least the protocol's minimum observation
	 * after {@code endedAt} and not in the future (2 minutes' clock skew allowed by
	 * default: {@code record-time-tolerance})
	 * @param escortConfirmed optional: the escort was confirmed before dosing (pre-dose
	 * check); {@code true} here is recorded too, but not needed
	 */
	public record Completion(BigDecimal doseMgPerKg, BigDecimal doseTotalMg, String route, Instant startedAt,
			Instant endedAt, List<Object> vitals, Integer cadss6, List<String> sideEffects, Instant dischargedAt,
			Boolean escortConfirmed) {

		/**
		 * What is wrong with the record, each naming its field.
		 * @param minimumObservation the protocol's least observation after dosing
		 * @param inProgressAt when the session was started (its move into
		 * {@code IN_PROGRESS}, this service's clock): dosing starts no earlier
		 * @param now now: discharge is no later
		 */
		List<FieldError> problems(Duration minimumObservation, Instant inProgressAt, Instant now, Duration tolerance) {
			List<FieldError> errors = new ArrayList<>();
			if (this.doseTotalMg == null || this.doseTotalMg.signum() <= 0
					|| this.doseTotalMg.compareTo(BigDecimal.valueOf(300)) > 0) {
				errors.add(new FieldError("doseTotalMg", "must be above 0 and at most 300 mg"));
			}
			if (this.doseMgPerKg != null
					&& (this.doseMgPerKg.signum() <= 0 || this.doseMgPerKg.compareTo(BigDecimal.valueOf(2)) > 0)) {
				errors.add(new FieldError("doseMgPerKg", "must be above 0 and at most 2 mg/kg"));
			}
			if (!"IV".equals(this.route) && !"INTRANASAL".equals(this.route)) {
				errors.add(new FieldError("route", "must be IV or INTRANASAL"));
			}
			if (this.startedAt == null) {
				errors.add(new FieldError("startedAt", "is required"));
			}
			else if (this.startedAt.isBefore(inProgressAt.minus(tolerance))) {
				errors.add(new FieldError("startedAt", "must be no earlier than the session's start was recorded ("
						+ inProgressAt + "): dosing starts after the pre-dose check and the start"));
			}
			if (this.startedAt == null || this.endedAt == null || !this.endedAt.isAfter(this.startedAt)) {
				errors.add(new FieldError("endedAt", "must be after startedAt"));
			}
			if (this.dischargedAt == null) {
				errors.add(new FieldError("dischargedAt", "is required"));
			}
			else if (this.dischargedAt.isAfter(now.plus(tolerance))) {
				errors.add(new FieldError("dischargedAt",
						"must not be in the future: record the discharge when the patient leaves"));
			}
			else if (this.endedAt != null && this.dischargedAt.isBefore(this.endedAt.plus(minimumObservation))) {
				errors.add(new FieldError("dischargedAt", "must be at least " + minimumObservation.toMinutes()
						+ " minutes of observation after the dose ended"));
			}
			if (this.cadss6 != null && (this.cadss6 < 0 || this.cadss6 > 24)) {
				errors.add(new FieldError("cadss6", "must be between 0 and 24"));
			}
			if (this.sideEffects == null || this.sideEffects.stream().anyMatch(Objects::isNull)
					|| !SIDE_EFFECTS.containsAll(this.sideEffects)) {
				errors.add(new FieldError("sideEffects", "must list codes from " + SIDE_EFFECTS));
			}
			return errors;
		}

	}

}
