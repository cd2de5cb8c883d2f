package org.ketaclinic.screening.criteria;

import java.util.List;
import java.util.Optional;

import org.ketaclinic.screening.criteria.ScreeningInput.Cssrs;

/**
 * The URGENT_ESCALATION rules of clinical-criteria.md §2.2: possible imminent risk,
 * same-day clinician review. Suicidal ideation does not by itself exclude treatment, but
 * a same-day assessment must come first.
 */
final class UrgentEscalations {

	private static final Category URGENT = Category.URGENT_ESCALATION;

	private UrgentEscalations() {
	}

	static List<Rule> all(Criteria criteria) {
		return List.of(new SuicidalIdeationWithIntentOrPlan(), new RecentSuicidalBehaviour(),
				new FrequentThoughtsOfDeathOrSelfHarm(criteria), new UnassessedSuicideRisk(),
				new SevereRangeBloodPressure(criteria));
	}

	/** SCR-URG-01. */
	static final class SuicidalIdeationWithIntentOrPlan extends BaseRule {

		SuicidalIdeationWithIntentOrPlan() {
			super("SCR-URG-01", URGENT,
					"Suicidal ideation with at least some intent in the past month is a C-SSRS threshold for imminent"
							+ " risk; safety precautions apply until a mental-health professional evaluates.",
					"Columbia C-SSRS triage guidelines [R21]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			Cssrs cssrs = c.cssrs();
			return (cssrs != null && (yes(cssrs.q4Intent()) || yes(cssrs.q5PlanWithIntent()))) ? fire(
					inputs("cssrs.q4Intent", cssrs.q4Intent(), "cssrs.q5PlanWithIntent", cssrs.q5PlanWithIntent()))
					: Optional.empty();
		}

	}

	/** SCR-URG-02. */
	static final class RecentSuicidalBehaviour extends BaseRule {

		RecentSuicidalBehaviour() {
			super("SCR-URG-02", URGENT,
					"Any suicidal behaviour in the past 3 months is the other C-SSRS imminent-risk threshold.",
					"[R21]");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			Cssrs cssrs = c.cssrs();
			return (cssrs != null && yes(cssrs.q6BehaviorPast3Months()))
					? fire(inputs("cssrs.q6BehaviorPast3Months", cssrs.q6BehaviorPast3Months())) : Optional.empty();
		}

	}

	/** SCR-URG-03. */
	static final class FrequentThoughtsOfDeathOrSelfHarm extends BaseRule {

		private final int atOrAbove;

		FrequentThoughtsOfDeathOrSelfHarm(Criteria criteria) {
			super("SCR-URG-03", URGENT,
					"Thoughts of death or self-harm on more than half the days or nearly every day carried markedly"
							+ " higher subsequent attempt and suicide risk; additional assessment is clearly indicated.",
					"Simon et al. 2013 [R19]; Louzon et al. 2016 [R20]; same-day is a convention"
							+ " (si.item9UrgentAtOrAbove = " + criteria.si().item9UrgentAtOrAbove() + ")");
			this.atOrAbove = criteria.si().item9UrgentAtOrAbove();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			return (c.phq9Item9() != null && c.phq9Item9() >= this.atOrAbove) ? fire(inputs("phq9Item9", c.phq9Item9()))
					: Optional.empty();
		}

	}

	/**
	 * SCR-URG-04: a positive item 9 and no C-SSRS, or one whose q1 or q2 is unanswered.
	 */
	static final class UnassessedSuicideRisk extends BaseRule {

		UnassessedSuicideRisk() {
			super("SCR-URG-04", URGENT,
					"A positive item 9 with no structured suicide assessment is unassessed risk; item 9 alone misses"
							+ " many at-risk patients. Complete the C-SSRS now.",
					"[R19][R47]; Zero Suicide [R37]; convention (fail-safe)");
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			Cssrs cssrs = c.cssrs();
			// a screener without its two gateway questions answered was not really
			// administered: the risk item 9 signals is as unassessed as with no screener
			boolean unassessed = cssrs == null || cssrs.q1WishDead() == null || cssrs.q2ActiveThoughts() == null;
			if (c.phq9Item9() == null || c.phq9Item9() < 1 || !unassessed) {
				return Optional.empty();
			}
			return (cssrs == null) ? fire(inputs("phq9Item9", c.phq9Item9(), "cssrs", null))
					: fire(inputs("phq9Item9", c.phq9Item9(), "cssrs.q1WishDead", cssrs.q1WishDead(),
							"cssrs.q2ActiveThoughts", cssrs.q2ActiveThoughts()));
		}

	}

	/** SCR-URG-05. */
	static final class SevereRangeBloodPressure extends BaseRule {

		private final int systolicAtOrAbove;

		private final int diastolicAtOrAbove;

		SevereRangeBloodPressure(Criteria criteria) {
			super("SCR-URG-05", URGENT,
					"Severe-range blood pressure needs same-day medical evaluation; chest pain, breathlessness, sudden"
							+ " severe headache or neurological change mean emergency care.",
					"Severe hypertension is commonly defined as >=180 and/or >=120 mmHg [R38]; Spravato PI [R4];"
							+ " routing is a convention");
			this.systolicAtOrAbove = criteria.bp().urgent().systolicAtOrAbove();
			this.diastolicAtOrAbove = criteria.bp().urgent().diastolicAtOrAbove();
		}

		@Override
		public Optional<Finding> evaluate(ScreeningInput c) {
			boolean fires = (c.systolicBp() != null && c.systolicBp() >= this.systolicAtOrAbove)
					|| (c.diastolicBp() != null && c.diastolicBp() >= this.diastolicAtOrAbove);
			return fires ? fire(inputs("systolicBp", c.systolicBp(), "diastolicBp", c.diastolicBp()))
					: Optional.empty();
		}

	}

}
