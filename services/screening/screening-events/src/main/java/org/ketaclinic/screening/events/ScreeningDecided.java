package org.ketaclinic.screening.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
 */
public record ScreeningDecided(UUID patientId, UUID assessmentId, Decision decision, Protocol protocol,
		List<String> overriddenRuleIds, Instant decidedAt) {

}
