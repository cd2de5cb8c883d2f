package org.ketaclinic.screening.criteria;

import java.util.Optional;

/** One suitability rule: an independent predicate over the intake's clinical section. */
public interface Rule {

	/** The rule id of clinical-criteria.md §2. */
	String id();

	/**
	 * Evaluates the rule; a finding when it fires. Missing inputs never fire a rule
	 * (SCR-REV-28 reports them).
	 */
	Optional<Finding> evaluate(ScreeningInput clinical);

}
