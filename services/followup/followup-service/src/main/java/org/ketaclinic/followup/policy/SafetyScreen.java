package org.ketaclinic.followup.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a check-in's safety and side-effect answers (clinical-criteria.md §5): PHQ-9 item
 * 9 of 2 or more, suicidal intent, a plan or recent behaviour, and symptoms that need
 * emergency care (severe headache, chest pain, breathlessness, visual change, confusion)
 * are urgent; item 9 of 1 and the side effects a clinician must hear about (urinary
 * symptoms, craving or non-medical use, mood elevation, memory or concentration problems)
 * are for review.
 */
public final class SafetyScreen {

	/** Symptoms that need emergency care. */
	public static final Set<String> SEVERE_SYMPTOMS = Set.of("SEVERE_HEADACHE", "CHEST_PAIN", "BREATHLESSNESS",
			"VISUAL_CHANGE", "CONFUSION");

	/** Side effects a clinician reviews. */
	public static final Set<String> REVIEW_SIDE_EFFECTS = Set.of("URINARY_SYMPTOMS", "CRAVING_OR_NON_MEDICAL_USE",
			"MOOD_ELEVATION", "MEMORY_OR_CONCENTRATION");

	private SafetyScreen() {
	}

	/**
	 * Screens one check-in's answers.
	 * @param item9 PHQ-9 item 9 (0–3)
	 * @param intent suicidal intent since the last contact
	 * @param plan a suicide plan
	 * @param behaviour suicidal behaviour since the last contact
	 * @param symptoms the symptom and side-effect codes reported
	 * @return the finding; severity {@code NONE} with no reasons if nothing needs a
	 * clinician
	 */
	public static Finding screen(int item9, boolean intent, boolean plan, boolean behaviour, Set<String> symptoms) {
		List<String> urgent = new ArrayList<>();
		if (item9 >= 2) {
			urgent.add("PHQ9_ITEM9_AT_LEAST_2");
		}
		if (intent) {
			urgent.add("SUICIDAL_INTENT");
		}
		if (plan) {
			urgent.add("SUICIDAL_PLAN");
		}
		if (behaviour) {
			urgent.add("SUICIDAL_BEHAVIOUR");
		}
		new TreeSet<>(symptoms).stream()
			.filter(SEVERE_SYMPTOMS::contains)
			.forEach((symptom) -> urgent.add("SEVERE_SYMPTOM_" + symptom));
		List<String> review = new ArrayList<>();
		if (item9 == 1) {
			review.add("PHQ9_ITEM9_IS_1");
		}
		new TreeSet<>(symptoms).stream().filter(REVIEW_SIDE_EFFECTS::contains).forEach(review::add);
		if (!urgent.isEmpty()) {
			urgent.addAll(review);
			return new Finding(Severity.URGENT, List.copyOf(urgent));
		}
		return review.isEmpty() ? new Finding(Severity.NONE, List.of())
				: new Finding(Severity.REVIEW, List.copyOf(review));
	}

	/**
	 * What the answers need.
	 *
	 * @param severity how soon
	 * @param reasons the codes that made it so
	 */
	public record Finding(Severity severity, List<String> reasons) {
	}

	/** How soon a clinician must look. */
	public enum Severity {

		URGENT, REVIEW, NONE

	}

}
