package org.ketaclinic.screening.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.Protocol;

/**
 * A clinician's signed decision on an assessment.
 *
 * @param assessmentId the assessment
 * @param decision what was decided
 * @param protocol the approved protocol (approval only)
 * @param rationale why
 * @param overrides the hard exclusions overridden, each with its reason
 * @param decidedBy the clinician
 * @param decidedAt when
 */
public record ClinicianDecision(UUID assessmentId, Decision decision, Protocol protocol, String rationale,
		List<Override> overrides, String decidedBy, Instant decidedAt) {

	/**
	 * An overridden hard exclusion.
	 *
	 * @param ruleId the rule, e.g. {@code SCR-EXC-06}
	 * @param reason why the clinician overrides it
	 */
	public record Override(String ruleId, String reason) {
	}

	boolean sameAs(ClinicianDecision other) {
		return this.decision == other.decision && this.protocol == other.protocol
				&& this.rationale.equals(other.rationale) && this.overrides.equals(other.overrides)
				&& this.decidedBy.equals(other.decidedBy);
	}

}
