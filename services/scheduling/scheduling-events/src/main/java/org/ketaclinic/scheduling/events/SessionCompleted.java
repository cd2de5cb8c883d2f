package org.ketaclinic.scheduling.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;

/**
 * A session was given and the patient discharged. Structured fields only; clinical notes
 * stay in scheduling.
 *
 * @param patientId the patient
 * @param planId the plan
 * @param sessionId the session
 * @param sequence its place in the plan
 * @param protocol {@code IV_KETAMINE} or {@code ESKETAMINE}
 * @param route {@code IV} or {@code INTRANASAL}
 * @param doseMgPerKg the dose per kilogram, if weight-based
 * @param doseTotalMg the total dose
 * @param preDoseSystolicBp pre-dose systolic pressure
 * @param preDoseDiastolicBp pre-dose diastolic pressure
 * @param cadss6 dissociation score (CADSS-6, 0–24)
 * @param sideEffects side-effect codes, e.g. {@code NAUSEA}
 * @param escortConfirmed whether an escort took the patient home
 * @param dischargedAt when the patient was discharged
 * @param completedAt when the record was completed
 * @param lastOfSeries whether this completes the plan's series
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 * @param sessionVersion the session's version after this change (issue 19): it grows with
 * every change of the session, and a consumer applies an event only if it is newer than
 * the last it applied; null from producers before versions, applied in order of arrival
 */
public record SessionCompleted(PatientId patientId, PlanId planId, SessionId sessionId, int sequence, Protocol protocol,
		Route route, BigDecimal doseMgPerKg, BigDecimal doseTotalMg, int preDoseSystolicBp, int preDoseDiastolicBp,
		Integer cadss6, List<SideEffect> sideEffects, boolean escortConfirmed, Instant dischargedAt,
		Instant completedAt, boolean lastOfSeries, String clinicId, Long sessionVersion) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.SESSION_COMPLETED;
	}

	@Override
	public String subject() {
		return "session/" + sessionId();
	}

	@Override
	public <C> void sendTo(SchedulingEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before versions (issue 19): applied in order of
	 * arrival.
	 */
	public SessionCompleted(PatientId patientId, PlanId planId, SessionId sessionId, int sequence, Protocol protocol,
			Route route, BigDecimal doseMgPerKg, BigDecimal doseTotalMg, int preDoseSystolicBp, int preDoseDiastolicBp,
			Integer cadss6, List<SideEffect> sideEffects, boolean escortConfirmed, Instant dischargedAt,
			Instant completedAt, boolean lastOfSeries, String clinicId) {
		this(patientId, planId, sessionId, sequence, protocol, route, doseMgPerKg, doseTotalMg, preDoseSystolicBp,
				preDoseDiastolicBp, cadss6, sideEffects, escortConfirmed, dischargedAt, completedAt, lastOfSeries,
				clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionCompleted(PatientId patientId, PlanId planId, SessionId sessionId, int sequence, Protocol protocol,
			Route route, BigDecimal doseMgPerKg, BigDecimal doseTotalMg, int preDoseSystolicBp, int preDoseDiastolicBp,
			Integer cadss6, List<SideEffect> sideEffects, boolean escortConfirmed, Instant dischargedAt,
			Instant completedAt, boolean lastOfSeries) {
		this(patientId, planId, sessionId, sequence, protocol, route, doseMgPerKg, doseTotalMg, preDoseSystolicBp,
				preDoseDiastolicBp, cadss6, sideEffects, escortConfirmed, dischargedAt, completedAt, lastOfSeries,
				null);
	}

}
