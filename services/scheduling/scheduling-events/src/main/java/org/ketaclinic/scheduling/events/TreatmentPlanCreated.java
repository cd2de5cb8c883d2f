package org.ketaclinic.scheduling.events;

import java.time.Instant;

import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;

/**
 * A treatment plan was made for an approved patient; the front desk can now book its
 * sessions.
 *
 * @param patientId the patient
 * @param planId the plan
 * @param assessmentId the screening assessment whose approval created it
 * @param protocol {@code IV_KETAMINE} or {@code ESKETAMINE}
 * @param kind {@code INDUCTION} or {@code BOOSTER}
 * @param sessionsPlanned how many sessions the plan holds
 * @param createdAt when
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 * @param planVersion the plan's version after this change (issue 19): it grows with every
 * change of the plan, and a consumer applies an event only if it is newer than the last
 * it applied; null from producers before versions, applied in order of arrival
 */
public record TreatmentPlanCreated(PatientId patientId, PlanId planId, AssessmentId assessmentId, Protocol protocol,
		PlanKind kind, int sessionsPlanned, Instant createdAt, String clinicId,
		Long planVersion) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.TREATMENT_PLAN_CREATED;
	}

	@Override
	public String subject() {
		return "plan/" + planId();
	}

	@Override
	public <C> void sendTo(SchedulingEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before versions (issue 19): applied in order of
	 * arrival.
	 */
	public TreatmentPlanCreated(PatientId patientId, PlanId planId, AssessmentId assessmentId, Protocol protocol,
			PlanKind kind, int sessionsPlanned, Instant createdAt, String clinicId) {
		this(patientId, planId, assessmentId, protocol, kind, sessionsPlanned, createdAt, clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public TreatmentPlanCreated(PatientId patientId, PlanId planId, AssessmentId assessmentId, Protocol protocol,
			PlanKind kind, int sessionsPlanned, Instant createdAt) {
		this(patientId, planId, assessmentId, protocol, kind, sessionsPlanned, createdAt, null);
	}

}
