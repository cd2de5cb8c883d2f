package org.ketaclinic.screening.criteria;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ketaclinic.screening.events.Outcome;

/**
 * All the rules of clinical-criteria.md §2 with a clinic's thresholds, and the outcome
 * derivation of §3. Every rule is evaluated and every finding reported; the outcome only
 * sorts them for a clinician, who signs every decision.
 */
public final class SuitabilityCriteria {

	/**
	 * The version of the rule set: the date of the criteria document it implements, and a
	 * revision. r2: SCR-URG-04 also fires when the C-SSRS lacks q1 or q2 (issue 17), so
	 * assessments made before can be told apart.
	 */
	public static final String RULESET_VERSION = "clinical-criteria-2026-11-26.r2";

	private final Criteria criteria;

	private final List<Rule> rules;

	public SuitabilityCriteria(Criteria criteria) {
		this.criteria = criteria;
		List<Rule> all = new ArrayList<>();
		all.addAll(HardExclusions.all(criteria));
		all.addAll(UrgentEscalations.all(criteria));
		all.addAll(ClinicianReviews.all(criteria));
		all.addAll(SupportingFindings.all(criteria));
		this.rules = List.copyOf(all);
	}

	public Criteria criteria() {
		return this.criteria;
	}

	/** The ids of every rule, sorted. */
	public List<String> ruleIds() {
		return this.rules.stream().map(Rule::id).sorted().toList();
	}

	/** Applies every rule and derives the outcome. */
	public Evaluation evaluate(ScreeningInput clinical) {
		List<Finding> findings = this.rules.stream()
			.map((rule) -> rule.evaluate(clinical))
			.flatMap(Optional::stream)
			.sorted(Comparator.comparing(Finding::ruleId))
			.toList();
		return new Evaluation(outcome(findings), findings);
	}

	/**
	 * §3: urgent outranks exclusion (a suicidal patient must never be quietly filed as
	 * not suitable), exclusion outranks review, and eligibility needs both TRD
	 * (SCR-SUP-01) and severity (SCR-SUP-02) support.
	 */
	static Outcome outcome(List<Finding> findings) {
		if (any(findings, Category.URGENT_ESCALATION)) {
			return Outcome.URGENT_SAME_DAY_REVIEW;
		}
		if (any(findings, Category.HARD_EXCLUSION)) {
			return Outcome.NOT_SUITABLE_PENDING_CLINICIAN_CONFIRMATION;
		}
		if (any(findings, Category.NEEDS_CLINICIAN_REVIEW)) {
			return Outcome.NEEDS_CLINICIAN_REVIEW;
		}
		boolean trd = findings.stream().anyMatch((finding) -> finding.ruleId().equals("SCR-SUP-01"));
		boolean severity = findings.stream().anyMatch((finding) -> finding.ruleId().equals("SCR-SUP-02"));
		return (trd && severity) ? Outcome.ELIGIBLE_PENDING_CLINICIAN_SIGNOFF : Outcome.NEEDS_CLINICIAN_REVIEW;
	}

	private static boolean any(List<Finding> findings, Category category) {
		return findings.stream().anyMatch((finding) -> finding.category() == category);
	}

}
