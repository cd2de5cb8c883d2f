package org.ketaclinic.screening.criteria;

import org.ketaclinic.screening.events.Outcome;
import java.util.List;

/**
 * The result of applying the rules to one clinical section.
 *
 * @param outcome the overall outcome (§3)
 * @param findings every rule that fired, by rule id
 */
public record Evaluation(Outcome outcome, List<Finding> findings) {

	/** The ids of the rules that fired, sorted. */
	public List<String> ruleIds() {
		return this.findings.stream().map(Finding::ruleId).toList();
	}

	/** The findings of one category. */
	public List<Finding> of(Category category) {
		return this.findings.stream().filter((finding) -> finding.category() == category).toList();
	}

	/** Whether a rule fired. */
	public boolean fired(String ruleId) {
		return this.findings.stream().anyMatch((finding) -> finding.ruleId().equals(ruleId));
	}

}
