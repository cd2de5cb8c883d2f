package org.ketaclinic.screening.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * A clinician decided about an assessment. The rationale stays in the screening service.
 *
 * @param patientId the patient
 * @param assessmentId the assessment decided
 * @param decision approved, declined or more information requested
 * @param protocol the approved protocol (approval only)
 * @param overriddenRuleIds hard exclusions the clinician overrode, with reasons kept in
 * screening
 * @param decidedAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record ScreeningDecided(PatientId patientId, AssessmentId assessmentId, Decision decision, Protocol protocol,
		List<String> overriddenRuleIds, Instant decidedAt, String clinicId) implements ScreeningEvent {

	@Override
	public EventType type() {
		return ScreeningEvents.SCREENING_DECIDED;
	}

	@Override
	public String subject() {
		return "assessment/" + assessmentId();
	}

	@Override
	public <C> void sendTo(ScreeningEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as producers wrote it before clinics (ADR 12): of the default clinic.
	 */
	public ScreeningDecided(PatientId patientId, AssessmentId assessmentId, Decision decision, Protocol protocol,
			List<String> overriddenRuleIds, Instant decidedAt) {
		this(patientId, assessmentId, decision, protocol, overriddenRuleIds, decidedAt, null);
	}

}
