package org.ketaclinic.scheduling.record;

/**
 * The pre-session blood-pressure gate of clinical-criteria.md §4: the screening
 * thresholds re-applied on the day. In the severe range (180 systolic or 120 diastolic
 * and above, SCR-URG-05) the session cannot start and a clinician is paged; above 180/100
 * mmHg otherwise it is deferred; above 140/90 (150/90 at 65 and over) a prescriber must
 * confirm.
 *
 * @param deferSystolicAbove defer above this systolic (180, strict)
 * @param deferDiastolicAbove defer above this diastolic (100, strict)
 * @param confirmSystolicAboveUnder65 confirmation above this systolic under 65 (140,
 * strict)
 * @param confirmSystolicAbove65plus confirmation above this systolic at 65 and over (150,
 * strict)
 * @param confirmDiastolicAbove confirmation above this diastolic (90, strict)
 * @param urgentSystolicAtOrAbove severe range from this systolic (180, inclusive as in
 * SCR-URG-05)
 * @param urgentDiastolicAtOrAbove severe range from this diastolic (120, inclusive)
 */
public record BloodPressureGate(int deferSystolicAbove, int deferDiastolicAbove, int confirmSystolicAboveUnder65,
		int confirmSystolicAbove65plus, int confirmDiastolicAbove, int urgentSystolicAtOrAbove,
		int urgentDiastolicAtOrAbove) {

	public BloodPressureGate {
		if (confirmSystolicAboveUnder65 > confirmSystolicAbove65plus || confirmSystolicAbove65plus > deferSystolicAbove
				|| confirmDiastolicAbove > deferDiastolicAbove || urgentSystolicAtOrAbove <= confirmSystolicAbove65plus
				|| urgentDiastolicAtOrAbove <= confirmDiastolicAbove) {
			throw new IllegalArgumentException("blood-pressure gate thresholds must rise from confirmation to deferral"
					+ " and the severe range must lie above confirmation");
		}
	}

	/** The defaults of the criteria. */
	public static BloodPressureGate defaults() {
		return new BloodPressureGate(180, 100, 140, 150, 90, 180, 120);
	}

	/** What the gate says for these readings. */
	public Result check(int systolic, int diastolic, int ageYears) {
		if (systolic >= this.urgentSystolicAtOrAbove || diastolic >= this.urgentDiastolicAtOrAbove) {
			return Result.URGENT_DEFERRAL;
		}
		if (systolic > this.deferSystolicAbove || diastolic > this.deferDiastolicAbove) {
			return Result.DEFERRED;
		}
		int systolicLimit = (ageYears >= 65) ? this.confirmSystolicAbove65plus : this.confirmSystolicAboveUnder65;
		if (systolic > systolicLimit || diastolic > this.confirmDiastolicAbove) {
			return Result.PRESCRIBER_CONFIRMATION_REQUIRED;
		}
		return Result.CLEAR;
	}

	/** The gate's verdicts. */
	public enum Result {

		/** The session may start. */
		CLEAR,
		/** A prescriber decides whether to go ahead. */
		PRESCRIBER_CONFIRMATION_REQUIRED,
		/** The session cannot start today. */
		DEFERRED,
		/**
		 * Severe-range pressure: the session cannot start, and the on-call clinician is
		 * paged for a same-day medical evaluation.
		 */
		URGENT_DEFERRAL

	}

}
