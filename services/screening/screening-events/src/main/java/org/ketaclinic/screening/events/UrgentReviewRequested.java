package org.ketaclinic.screening.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * An assessment found possible imminent risk: a clinician must review the patient the
 * same day.
 *
 * @param patientId the patient
 * @param assessmentId the assessment
 * @param urgentRuleIds the urgent-escalation rules that fired
 * @param requestedAt when
 * @param reviewDueAt by when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record UrgentReviewRequested(PatientId patientId, AssessmentId assessmentId, List<String> urgentRuleIds,
		Instant requestedAt, Instant reviewDueAt, String clinicId) implements ScreeningEvent {

	@Override
	public EventType type() {
		return ScreeningEvents.URGENT_REVIEW_REQUESTED;
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
	public UrgentReviewRequested(PatientId patientId, AssessmentId assessmentId, List<String> urgentRuleIds,
			Instant requestedAt, Instant reviewDueAt) {
		this(patientId, assessmentId, urgentRuleIds, requestedAt, reviewDueAt, null);
	}

}
