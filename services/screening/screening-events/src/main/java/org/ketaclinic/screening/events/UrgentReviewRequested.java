package org.ketaclinic.screening.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An assessment found possible imminent risk: a clinician must review the patient the
 * same day.
 *
 * @param patientId the patient
 * @param assessmentId the assessment
 * @param urgentRuleIds the urgent-escalation rules that fired
 * @param requestedAt when
 * @param reviewDueAt by when
 */
public record UrgentReviewRequested(UUID patientId, UUID assessmentId, List<String> urgentRuleIds, Instant requestedAt,
		Instant reviewDueAt) {

}
