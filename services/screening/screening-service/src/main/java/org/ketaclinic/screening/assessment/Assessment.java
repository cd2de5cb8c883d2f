package org.ketaclinic.screening.assessment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.screening.criteria.Criteria;
import org.ketaclinic.screening.criteria.Finding;
import org.ketaclinic.screening.criteria.ScreeningInput;
import org.ketaclinic.screening.events.Outcome;

/**
 * An explained assessment of one version of an intake.
 *
 * @param id the assessment
 * @param patientId the patient
 * @param submissionId the intake submission
 * @param submissionVersion the version of its clinical section
 * @param outcome the overall outcome
 * @param rulesetVersion the rule set applied
 * @param criteria the thresholds and policies it ran with
 * @param findings every rule that fired, with rationale, source and inputs
 * @param clinical the clinical section assessed
 * @param status pending review, decided, superseded or expired
 * @param priority 0 urgent, 1 high (SCR-REV-26), 2 routine
 * @param createdAt when it was made
 * @param dueAt when a clinician should have reviewed it
 * @param supersedes the assessment it replaced, if any
 * @param clinicId the patient's clinic (ADR 12), from the intake event
 */
public record Assessment(UUID id, UUID patientId, UUID submissionId, int submissionVersion, Outcome outcome,
		String rulesetVersion, Criteria criteria, List<Finding> findings, ScreeningInput clinical, Status status,
		int priority, Instant createdAt, Instant dueAt, UUID supersedes, String clinicId) {

	/** Where an assessment stands. */
	public enum Status {

		PENDING_REVIEW, DECIDED, SUPERSEDED, EXPIRED

	}

	public boolean overdue(Instant now) {
		return this.status == Status.PENDING_REVIEW && now.isAfter(this.dueAt);
	}

}
