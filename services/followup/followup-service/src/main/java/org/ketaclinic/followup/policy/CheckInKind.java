package org.ketaclinic.followup.policy;

/** Why a check-in is asked, with its scope (clinical-criteria.md §5). */
public enum CheckInKind {

	/** Day +1 after the first session: adverse effects, sleep, suicidal thoughts. */
	DAY_AFTER_FIRST_SESSION(Scope.BRIEF),
	/** Weekly during induction: full PHQ-9. */
	INDUCTION_WEEKLY(Scope.FULL),
	/** Days 7, 14, 21 and 28 after the series. */
	POST_SERIES(Scope.FULL),
	/** Months 2, 3 and 6 after induction. */
	MONTHLY(Scope.FULL),
	/** Day 3 after a booster: item 9 and a brief mood rating. */
	BOOSTER_DAY_3(Scope.BRIEF),
	/** Day 7 after a booster: full PHQ-9. */
	BOOSTER_DAY_7(Scope.FULL),
	/** Asked by a clinician outside the cadence. */
	EXTRA(Scope.FULL);

	private final Scope scope;

	CheckInKind(Scope scope) {
		this.scope = scope;
	}

	public Scope scope() {
		return this.scope;
	}

	/**
	 * How much is asked: {@code FULL} needs all nine PHQ-9 items; {@code BRIEF} needs
	 * item 9 and takes all nine if the patient gives them.
	 */
	public enum Scope {

		FULL, BRIEF

	}

}
