package org.ketaclinic.scheduling.record;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.outbox.OutgoingEvent;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.booking.SessionStatus;
import org.ketaclinic.scheduling.booking.Sessions;
import org.ketaclinic.scheduling.events.EventTypes;
import org.ketaclinic.scheduling.events.SessionCompleted;
import org.ketaclinic.scheduling.events.Topics;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What clinicians record about a session: pre-dose vitals through the blood-pressure
 * gate, the start, and the completion with dose, observations and discharge
 * ({@code SessionCompleted}).
 */
@Service
public class RecordingSessions {

	/** Side effects recorded as codes, so they can travel on Kafka. */
	public static final Set<String> SIDE_EFFECTS = Set.of("DISSOCIATION", "SEDATION", "NAUSEA", "VOMITING", "DIZZINESS",
			"HEADACHE", "BLOOD_PRESSURE_RISE", "ANXIETY", "OTHER");

	private final JdbcClient jdbc;

	private final Sessions sessions;

	private final SessionStatus status;

	private final Plans plans;

	private final Outbox outbox;

	private final Clock clock;

	private final BloodPressureGate gate = BloodPressureGate.defaults();

	RecordingSessions(JdbcClient jdbc, Sessions sessions, SessionStatus status, Plans plans, Outbox outbox,
			Clock clock) {
		this.jdbc = jdbc;
		this.sessions = sessions;
		this.status = status;
		this.plans = plans;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Records pre-dose vitals of a checked-in patient and applies the gate.
	 * @param prescriberConfirmedBy the prescriber who confirms going ahead with elevated
	 * pressure, if any
	 * @return the gate's verdict
	 */
	@Transactional
	public BloodPressureGate.Result preDose(UUID sessionId, PreDose vitals, String prescriberConfirmedBy, String by) {
		Session session = this.status.locked(sessionId);
		if (!"CHECKED_IN".equals(session.status())) {
			throw new ConflictException(
					"Pre-dose vitals are recorded after check-in; this session is " + session.status());
		}
		BloodPressureGate.Result result = this.gate.check(vitals.systolicBp(), vitals.diastolicBp(), vitals.ageYears());
		String confirmedBy = (result == BloodPressureGate.Result.PRESCRIBER_CONFIRMATION_REQUIRED
				&& prescriberConfirmedBy != null && !prescriberConfirmedBy.isBlank()) ? prescriberConfirmedBy : null;
		this.jdbc.sql("""
				INSERT INTO session_record (session_id, pre_systolic_bp, pre_diastolic_bp, pre_heart_rate, pre_spo2,
					age_years, bp_gate, prescriber_confirmed_by, pre_dose_recorded_by, pre_dose_recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (session_id) DO UPDATE SET pre_systolic_bp = excluded.pre_systolic_bp,
					pre_diastolic_bp = excluded.pre_diastolic_bp, pre_heart_rate = excluded.pre_heart_rate,
					pre_spo2 = excluded.pre_spo2, age_years = excluded.age_years, bp_gate = excluded.bp_gate,
					prescriber_confirmed_by = excluded.prescriber_confirmed_by,
					pre_dose_recorded_by = excluded.pre_dose_recorded_by,
					pre_dose_recorded_at = excluded.pre_dose_recorded_at
				""")
			.params(sessionId, vitals.systolicBp(), vitals.diastolicBp(), vitals.heartRate(), vitals.spo2(),
					vitals.ageYears(), result.name(), confirmedBy, by, Timestamp.from(this.clock.instant()))
			.update();
		return result;
	}

	/** Starts a session whose gate is clear or confirmed by a prescriber. */
	@Transactional
	public Session start(UUID sessionId, String by) {
		Session session = this.status.locked(sessionId);
		if ("IN_PROGRESS".equals(session.status())) {
			return session;
		}
		if (!"CHECKED_IN".equals(session.status())) {
			throw new ConflictException("Only a checked-in session can start; this one is " + session.status());
		}
		String[] gate = this.jdbc
			.sql("SELECT bp_gate, prescriber_confirmed_by FROM session_record WHERE session_id = ?")
			.param(sessionId)
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
			.optional()
			.orElseThrow(() -> new ConflictException("Record the pre-dose vitals before starting the session"));
		if (BloodPressureGate.Result.DEFERRED.name().equals(gate[0])) {
			throw new ConflictException("Blood pressure above 180/100 mmHg: the session cannot start today");
		}
		if (BloodPressureGate.Result.PRESCRIBER_CONFIRMATION_REQUIRED.name().equals(gate[0]) && gate[1] == null) {
			throw new ConflictException("Blood pressure is elevated: a prescriber must confirm before starting");
		}
		return this.status.change(session, "IN_PROGRESS", by, null);
	}

	/** Completes a session with what was given and observed, and publishes it. */
	@Transactional
	public Session complete(UUID sessionId, Completion completion, String by) {
		Session session = this.status.locked(sessionId);
		if ("COMPLETED".equals(session.status())) {
			return session;
		}
		if (!"IN_PROGRESS".equals(session.status())) {
			throw new ConflictException("Only a session in progress can be completed; this one is " + session.status());
		}
		List<FieldError> errors = completion.problems();
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
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
					completion.escortConfirmed(), by, Timestamp.from(now), sessionId)
			.update();
		Session completed = this.status.change(session, "COMPLETED", by, null);
		TreatmentPlan plan = this.plans.find(session.planId()).orElseThrow();
		long done = this.sessions.ofPlan(plan.id()).stream().filter((s) -> "COMPLETED".equals(s.status())).count();
		boolean last = done >= plan.sessionsPlanned();
		if (last) {
			this.plans.complete(plan.id());
		}
		int[] bp = this.jdbc.sql("SELECT pre_systolic_bp, pre_diastolic_bp FROM session_record WHERE session_id = ?")
			.param(sessionId)
			.query((rs, row) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.single();
		this.outbox.record(new OutgoingEvent(Topics.SCHEDULING, session.patientId().toString(),
				EventTypes.SESSION_COMPLETED, "session/" + sessionId,
				new SessionCompleted(session.patientId(), plan.id(), sessionId, session.sequence(), plan.protocol(),
						completion.route(), completion.doseMgPerKg(), completion.doseTotalMg(), bp[0], bp[1],
						completion.cadss6(), completion.sideEffects(), completion.escortConfirmed(),
						completion.dischargedAt(), now, last)));
		return completed;
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
	 * @param startedAt dosing start
	 * @param endedAt dosing end
	 * @param vitals vitals during and after, e.g. {@code [{"at": "...", "systolicBp":
	 * 150, ...}]}
	 * @param cadss6 dissociation score, 0–24
	 * @param sideEffects side-effect codes
	 * @param dischargedAt discharge time
	 * @param escortConfirmed an escort took the patient home
	 */
	public record Completion(BigDecimal doseMgPerKg, BigDecimal doseTotalMg, String route, Instant startedAt,
			Instant endedAt, List<Object> vitals, Integer cadss6, List<String> sideEffects, Instant dischargedAt,
			boolean escortConfirmed) {

		List<FieldError> problems() {
			List<FieldError> errors = new java.util.ArrayList<>();
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
			if (this.startedAt == null || this.endedAt == null || !this.endedAt.isAfter(this.startedAt)) {
				errors.add(new FieldError("endedAt", "must be after startedAt"));
			}
			if (this.dischargedAt == null || (this.endedAt != null && this.dischargedAt.isBefore(this.endedAt))) {
				errors.add(new FieldError("dischargedAt", "is required and comes after the dose ended"));
			}
			if (this.cadss6 != null && (this.cadss6 < 0 || this.cadss6 > 24)) {
				errors.add(new FieldError("cadss6", "must be between 0 and 24"));
			}
			if (this.sideEffects == null || !SIDE_EFFECTS.containsAll(this.sideEffects)) {
				errors.add(new FieldError("sideEffects", "must list codes from " + SIDE_EFFECTS));
			}
			if (!this.escortConfirmed) {
				errors.add(new FieldError("escortConfirmed", "an escort must take the patient home"));
			}
			return errors;
		}

	}

}
