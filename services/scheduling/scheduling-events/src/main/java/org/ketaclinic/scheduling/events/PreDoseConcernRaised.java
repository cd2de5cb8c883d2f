package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.LocationId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;

/**
 * The pre-dose safety check of a session was positive: the dose is held and the clinic's
 * on-call clinician must be paged. The answers themselves stay in scheduling; only the
 * codes travel.
 *
 * @param patientId the patient
 * @param planId the plan
 * @param sessionId the session
 * @param locationId where the patient is now (whose on-call roster is paged)
 * @param reasons what was positive: {@code PHQ9_ITEM9}, {@code CSSRS_WISH_DEAD},
 * {@code CSSRS_ACTIVE_THOUGHTS}, {@code CSSRS_METHOD}, {@code CSSRS_INTENT},
 * {@code CSSRS_PLAN}, {@code CSSRS_BEHAVIOUR}, {@code SEVERE_BLOOD_PRESSURE}
 * @param raisedAt when
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 */
public record PreDoseConcernRaised(PatientId patientId, PlanId planId, SessionId sessionId, LocationId locationId,
		List<PreDoseReason> reasons, Instant raisedAt, String clinicId) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.PRE_DOSE_CONCERN_RAISED;
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
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public PreDoseConcernRaised(PatientId patientId, PlanId planId, SessionId sessionId, LocationId locationId,
			List<PreDoseReason> reasons, Instant raisedAt) {
		this(patientId, planId, sessionId, locationId, reasons, raisedAt, null);
	}

}
