package org.ketaclinic.intake.submission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.ketaclinic.platform.web.FieldError;

/**
 * What makes a clinical section acceptable: values in range, PHQ-9 consistent, age
 * consistent with the date of birth. Absent answers are accepted: missing data is a
 * screening finding, not an input error. C-SSRS answers are accepted as given, even when
 * they break the screener's skip logic: a risk answer is never lost to a validation error
 * (clinical-criteria.md §1), and screening counts a {@code true} wherever it stands.
 * Errors name fields by their JSON path under {@code clinical.} and never echo the value.
 */
public final class ClinicalSectionRules {

	static final String PREFIX = "clinical.";

	private ClinicalSectionRules() {
	}

	/**
	 * The section as it will be stored: PHQ-9 total and item 9 computed from the nine
	 * items when they are given.
	 */
	public static ClinicalAnswers normalised(ClinicalAnswers clinical) {
		if (clinical == null || clinical.phq9Items() == null || !validItems(clinical.phq9Items())) {
			return clinical;
		}
		int total = clinical.phq9Items().stream().mapToInt(Integer::intValue).sum();
		return clinical.withPhq9(total, clinical.phq9Items().get(8));
	}

	/**
	 * Checks a clinical section.
	 * @param clinical the section as submitted (may be null: nothing answered yet)
	 * @param dateOfBirth the patient's date of birth
	 * @param today the screening date in the clinic
	 * @return every problem found, empty if none
	 */
	public static List<FieldError> check(ClinicalAnswers clinical, LocalDate dateOfBirth, LocalDate today) {
		List<FieldError> errors = new ArrayList<>();
		if (clinical == null) {
			return errors;
		}
		range(errors, "ageYears", clinical.ageYears(), 0, 120);
		if (clinical.ageYears() != null && dateOfBirth != null && !dateOfBirth.isAfter(today)) {
			int age = Period.between(dateOfBirth, today).getYears();
			if (age != clinical.ageYears()) {
				errors.add(error("ageYears", "does not match the date of birth, which gives " + age + " years today"));
			}
		}
		range(errors, "failedAdequateTrialsCurrentEpisode", clinical.failedAdequateTrialsCurrentEpisode(), 0, 30);
		// wide enough for a hypertensive crisis: a severe reading must reach the urgent
		// rule
		// (SCR-URG-05), never be refused as implausible
		range(errors, "systolicBp", clinical.systolicBp(), 60, 350);
		range(errors, "diastolicBp", clinical.diastolicBp(), 30, 250);
		range(errors, "heartRate", clinical.heartRate(), 25, 250);
		if (clinical.systolicBp() != null && clinical.diastolicBp() != null
				&& clinical.diastolicBp() >= clinical.systolicBp()) {
			errors.add(error("diastolicBp", "must be lower than systolicBp"));
		}
		checkPhq9(errors, clinical);
		// no check of the C-SSRS: each answer is a boolean or null by type, and an answer
		// that breaks the skip logic (q4Intent = true while q2ActiveThoughts is not) is
		// still a patient telling us about risk, so it is stored and published as given
		if (clinical.medicationClasses() != null) {
			if (clinical.medicationClasses().contains(null)) {
				errors.add(error("medicationClasses", "must not contain empty entries"));
			}
			else if (new HashSet<>(clinical.medicationClasses()).size() != clinical.medicationClasses().size()) {
				errors.add(error("medicationClasses", "must list each class once"));
			}
		}
		BigDecimal benzodiazepine = clinical.benzodiazepineDiazepamEqMgPerDay();
		if (benzodiazepine != null
				&& (benzodiazepine.signum() < 0 || benzodiazepine.compareTo(BigDecimal.valueOf(500)) > 0)) {
			errors.add(error("benzodiazepineDiazepamEqMgPerDay", "must be between 0 and 500 mg per day"));
		}
		return errors;
	}

	private static void checkPhq9(List<FieldError> errors, ClinicalAnswers clinical) {
		range(errors, "phq9Total", clinical.phq9Total(), 0, 27);
		range(errors, "phq9Item9", clinical.phq9Item9(), 0, 3);
		// the total includes item 9, so a total below it is what is wrong: the error
		// names
		// the total, never the risk answer
		if (clinical.phq9Total() != null && clinical.phq9Item9() != null
				&& clinical.phq9Item9() > clinical.phq9Total()) {
			errors.add(error("phq9Total", "cannot be lower than phq9Item9, which it includes"));
		}
		List<Integer> items = clinical.phq9Items();
		if (items == null) {
			return;
		}
		if (items.size() != 9) {
			errors.add(error("phq9Items", "must hold the answers to all nine items"));
			return;
		}
		boolean itemsValid = true;
		for (int i = 0; i < items.size(); i++) {
			if (items.get(i) == null || items.get(i) < 0 || items.get(i) > 3) {
				errors.add(error("phq9Items[" + i + "]", "must be 0, 1, 2 or 3"));
				itemsValid = false;
			}
		}
		if (!itemsValid) {
			return;
		}
		int total = items.stream().mapToInt(Integer::intValue).sum();
		if (clinical.phq9Total() != null && clinical.phq9Total() != total) {
			errors.add(error("phq9Total", "does not match the nine item answers, which add up to " + total));
		}
		if (clinical.phq9Item9() != null && !clinical.phq9Item9().equals(items.get(8))) {
			errors.add(error("phq9Item9", "does not match the answer to item 9 in phq9Items"));
		}
	}

	private static boolean validItems(List<Integer> items) {
		return items.size() == 9 && items.stream().allMatch((item) -> item != null && item >= 0 && item <= 3);
	}

	private static void range(List<FieldError> errors, String field, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			errors.add(error(field, "must be between " + min + " and " + max));
		}
	}

	private static FieldError error(String field, String message) {
		return new FieldError(PREFIX + field, message);
	}

}
