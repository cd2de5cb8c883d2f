package org.ketaclinic.scheduling.record;

import java.util.ArrayList;
import java.util.List;

/**
 * The suicide check asked at every session "since the last visit" (clinical-criteria.md
 * §4, Zero Suicide: screen at every contact): PHQ-9 item 9 and the C-SSRS screener. Every
 * answer is required; a missing answer is never read as "no". Any positive answer holds
 * the dose and pages the on-call clinician.
 *
 * @param phq9Item9 PHQ-9 item 9, 0–3
 * @param wishDead C-SSRS 1: wished to be dead or not wake up
 * @param activeThoughts C-SSRS 2: thoughts of killing oneself
 * @param method C-SSRS 3: thought about how
 * @param intent C-SSRS 4: some intention of acting on them
 * @param planWithIntent C-SSRS 5: worked out a plan and intends to carry it out
 * @param behaviour C-SSRS 6: did, started or prepared to do anything to end one's life
 */
public record PreDoseSafety(Integer phq9Item9, Boolean wishDead, Boolean activeThoughts, Boolean method, Boolean intent,
		Boolean planWithIntent, Boolean behaviour) {

	/** The answers that are missing or out of range, as {@code safety.<field>}. */
	public List<String> missing() {
		List<String> missing = new ArrayList<>();
		if (this.phq9Item9 == null || this.phq9Item9 < 0 || this.phq9Item9 > 3) {
			missing.add("safety.phq9Item9");
		}
		if (this.wishDead == null) {
			missing.add("safety.wishDead");
		}
		if (this.activeThoughts == null) {
			missing.add("safety.activeThoughts");
		}
		if (this.method == null) {
			missing.add("safety.method");
		}
		if (this.intent == null) {
			missing.add("safety.intent");
		}
		if (this.planWithIntent == null) {
			missing.add("safety.planWithIntent");
		}
		if (this.behaviour == null) {
			missing.add("safety.behaviour");
		}
		return missing;
	}

	/**
	 * The reason codes of {@code PreDoseConcernRaised} for the positive answers; empty
	 * when every answer is negative.
	 * @throws IllegalStateException when an answer is missing (check {@link #missing()}
	 * first)
	 */
	public List<String> concerns() {
		if (!missing().isEmpty()) {
			throw new IllegalStateException("unanswered safety questions " + missing());
		}
		List<String> concerns = new ArrayList<>();
		if (this.phq9Item9 >= 1) {
			concerns.add("PHQ9_ITEM9");
		}
		if (this.wishDead) {
			concerns.add("CSSRS_WISH_DEAD");
		}
		if (this.activeThoughts) {
			concerns.add("CSSRS_ACTIVE_THOUGHTS");
		}
		if (this.method) {
			concerns.add("CSSRS_METHOD");
		}
		if (this.intent) {
			concerns.add("CSSRS_INTENT");
		}
		if (this.planWithIntent) {
			concerns.add("CSSRS_PLAN");
		}
		if (this.behaviour) {
			concerns.add("CSSRS_BEHAVIOUR");
		}
		return concerns;
	}

}
