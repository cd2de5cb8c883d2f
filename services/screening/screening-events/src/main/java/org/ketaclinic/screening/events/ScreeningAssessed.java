package org.ketaclinic.screening.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;

/**
 * An intake (or its amendment) was assessed against the suitability criteria; a clinician
 * must now sign off.
 *
 * @param patientId the patient
 * @param assessmentId the assessment
 * @param submissionId the intake submission assessed
 * @param submissionVersion the version of its clinical section
 * @param outcome the overall outcome
 * @param firedRuleIds every rule that fired, sorted
 * @param rulesetVersion the version of the rule set applied
 * @param assessedAt when
 * @param reviewDueAt when a clinician should have reviewed it
 * @param supersedesAssessmentId the earlier assessment of this submission this one
 * replaces, if any
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record ScreeningAssessed(PatientId patientId, AssessmentId assessmentId, SubmissionId submissionId,
		int submissionVersion, Outcome outcome, List<String> firedRuleIds, String rulesetVersion, Instant assessedAt,
		Instant reviewDueAt, AssessmentId supersedesAssessmentId, String clinicId) implements ScreeningEvent {

	@Override
	public EventType type() {
		return ScreeningEvents.SCREENING_ASSESSED;
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
	public ScreeningAssessed(PatientId patientId, AssessmentId assessmentId, SubmissionId submissionId,
			int submissionVersion, Outcome outcome, List<String> firedRuleIds, String rulesetVersion,
			Instant assessedAt, Instant reviewDueAt, AssessmentId supersedesAssessmentId) {
		this(patientId, assessmentId, submissionId, submissionVersion, outcome, firedRuleIds, rulesetVersion,
				assessedAt, reviewDueAt, supersedesAssessmentId, null);
	}

}
