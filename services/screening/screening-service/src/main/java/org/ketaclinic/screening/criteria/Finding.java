package org.ketaclinic.screening.criteria;

import java.util.Map;

/**
 * A rule that fired, with everything a clinician needs to see why.
 *
 * @param ruleId the rule id, e.g. {@code SCR-REV-01}
 * @param category its category (a policy setting may move a rule from exclusion to
 * review)
 * @param rationale why the rule exists
 * @param source where the rule and its threshold come from
 * @param inputs the input values the rule used
 * @param note extra context for this patient, e.g. a PHQ-9 severity band; may be null
 */
public record Finding(String ruleId, Category category, String rationale, String source, Map<String, Object> inputs,
		String note) {

}
