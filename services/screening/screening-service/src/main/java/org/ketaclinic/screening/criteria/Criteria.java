package org.ketaclinic.screening.criteria;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Every clinic-tunable number and policy of the criteria, with the defaults and config
 * keys of clinical-criteria.md. Checked on creation: a clinic cannot start with a
 * threshold that makes no sense.
 *
 * @param age {@code age.min}, {@code age.reviewAtOrAbove}
 * @param bp blood-pressure thresholds
 * @param hr {@code hr.reviewAbove}, {@code hr.reviewBelow}
 * @param trd {@code trd.minFailedTrials}
 * @param phq9 {@code phq9.minForSupport}
 * @param si suicide-item thresholds: {@code si.item9UrgentAtOrAbove},
 * {@code si.q3ReviewHours}
 * @param bzd {@code bzd.attenuationNoteAboveMgDzEq}
 * @param pregnancy {@code pregnancy.policy}
 * @param psychosis {@code psychosis.primaryDisorderPolicy}
 * @param sud {@code sud.activePolicy}, {@code sud.activeWindowMonths}
 * @param ketamine {@code ketamine.recentWindowMonths}
 * @param cv {@code cv.recentEventMonths}
 */
public record Criteria(Age age, Bp bp, Hr hr, Trd trd, Phq9 phq9, Si si, Bzd bzd, Pregnancy pregnancy,
		Psychosis psychosis, Sud sud, Ketamine ketamine, Cv cv) {

	public Criteria {
		age = (age != null) ? age : new Age(null, null);
		bp = (bp != null) ? bp : new Bp(null, null, null);
		hr = (hr != null) ? hr : new Hr(null, null);
		trd = (trd != null) ? trd : new Trd(null);
		phq9 = (phq9 != null) ? phq9 : new Phq9(null);
		si = (si != null) ? si : new Si(null, null);
		bzd = (bzd != null) ? bzd : new Bzd(null);
		pregnancy = (pregnancy != null) ? pregnancy : new Pregnancy(null);
		psychosis = (psychosis != null) ? psychosis : new Psychosis(null);
		sud = (sud != null) ? sud : new Sud(null, null);
		ketamine = (ketamine != null) ? ketamine : new Ketamine(null);
		cv = (cv != null) ? cv : new Cv(null);
		List<String> problems = new ArrayList<>();
		check(problems, age.min() >= 0 && age.min() <= 120, "age.min must be between 0 and 120");
		check(problems, age.reviewAtOrAbove() > age.min(), "age.reviewAtOrAbove must be above age.min");
		check(problems, bp.review().diastolicAbove() < bp.exclude().diastolicAbove(),
				"bp.review.diastolicAbove must be below bp.exclude.diastolicAbove");
		check(problems,
				bp.review().systolicAboveUnder65() <= bp.review().systolicAbove65plus()
						&& bp.review().systolicAbove65plus() < bp.exclude().systolicAbove(),
				"bp.review systolic limits must rise with age and stay below bp.exclude.systolicAbove");
		check(problems, bp.urgent().systolicAtOrAbove() >= 120 && bp.urgent().diastolicAtOrAbove() >= 80,
				"bp.urgent limits must be in the severe range");
		check(problems, hr.reviewBelow() < hr.reviewAbove() && hr.reviewBelow() > 0,
				"hr.reviewBelow must be positive and below hr.reviewAbove");
		check(problems, trd.minFailedTrials() >= 1 && trd.minFailedTrials() <= 10,
				"trd.minFailedTrials must be between 1 and 10");
		check(problems, phq9.minForSupport() >= 0 && phq9.minForSupport() <= 27,
				"phq9.minForSupport must be between 0 and 27");
		check(problems, si.item9UrgentAtOrAbove() >= 1 && si.item9UrgentAtOrAbove() <= 3,
				"si.item9UrgentAtOrAbove must be 1, 2 or 3");
		check(problems, si.q3ReviewHours() >= 1 && si.q3ReviewHours() <= 72, "si.q3ReviewHours must be 1 to 72");
		check(problems, bzd.attenuationNoteAboveMgDzEq().signum() >= 0,
				"bzd.attenuationNoteAboveMgDzEq must not be negative");
		check(problems,
				sud.activeWindowMonths() >= 1 && ketamine.recentWindowMonths() >= 1 && cv.recentEventMonths() >= 1,
				"window lengths must be at least one month");
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("invalid screening criteria: " + problems);
		}
	}

	/** The defaults of clinical-criteria.md. */
	public static Criteria defaults() {
		return new Criteria(null, null, null, null, null, null, null, null, null, null, null, null);
	}

	private static void check(List<String> problems, boolean ok, String problem) {
		if (!ok) {
			problems.add(problem);
		}
	}

	/**
	 * Age limits.
	 *
	 * @param min {@code age.min} (18): younger is excluded (SCR-EXC-01)
	 * @param reviewAtOrAbove {@code age.reviewAtOrAbove} (65): SCR-REV-07, and the older
	 * BP limit of SCR-REV-01
	 */
	public record Age(Integer min, Integer reviewAtOrAbove) {
		public Age {
			min = (min != null) ? min : 18;
			reviewAtOrAbove = (reviewAtOrAbove != null) ? reviewAtOrAbove : 65;
		}
	}

	/**
	 * Blood-pressure limits.
	 *
	 * @param exclude SCR-EXC-05
	 * @param urgent SCR-URG-05
	 * @param review SCR-REV-01
	 */
	public record Bp(Exclude exclude, Urgent urgent, Review review) {

		public Bp {
			exclude = (exclude != null) ? exclude : new Exclude(null, null);
			urgent = (urgent != null) ? urgent : new Urgent(null, null);
			review = (review != null) ? review : new Review(null, null, null);
		}

		/**
		 * @param systolicAbove {@code bp.exclude.systolicAbove} (180, strict)
		 * @param diastolicAbove {@code bp.exclude.diastolicAbove} (100, strict)
		 */
		public record Exclude(Integer systolicAbove, Integer diastolicAbove) {
			public Exclude {
				systolicAbove = (systolicAbove != null) ? systolicAbove : 180;
				diastolicAbove = (diastolicAbove != null) ? diastolicAbove : 100;
			}
		}

		/**
		 * @param systolicAtOrAbove severe-range systolic (180, inclusive)
		 * @param diastolicAtOrAbove severe-range diastolic (120, inclusive)
		 */
		public record Urgent(Integer systolicAtOrAbove, Integer diastolicAtOrAbove) {
			public Urgent {
				systolicAtOrAbove = (systolicAtOrAbove != null) ? systolicAtOrAbove : 180;
				diastolicAtOrAbove = (diastolicAtOrAbove != null) ? diastolicAtOrAbove : 120;
			}
		}

		/**
		 * @param systolicAboveUnder65 {@code bp.review.systolicAbove.under65} (140,
		 * strict)
		 * @param systolicAbove65plus {@code bp.review.systolicAbove.65plus} (150, strict)
		 * @param diastolicAbove {@code bp.review.diastolicAbove} (90, strict)
		 */
		public record Review(Integer systolicAboveUnder65, Integer systolicAbove65plus, Integer diastolicAbove) {
			public Review {
				systolicAboveUnder65 = (systolicAboveUnder65 != null) ? systolicAboveUnder65 : 140;
				systolicAbove65plus = (systolicAbove65plus != null) ? systolicAbove65plus : 150;
				diastolicAbove = (diastolicAbove != null) ? diastolicAbove : 90;
			}
		}
	}

	/**
	 * @param reviewAbove {@code hr.reviewAbove} (100, strict)
	 * @param reviewBelow {@code hr.reviewBelow} (50, strict)
	 */
	public record Hr(Integer reviewAbove, Integer reviewBelow) {
		public Hr {
			reviewAbove = (reviewAbove != null) ? reviewAbove : 100;
			reviewBelow = (reviewBelow != null) ? reviewBelow : 50;
		}
	}

	/**
	 * @param minFailedTrials {@code trd.minFailedTrials} (2)
	 */
	public record Trd(Integer minFailedTrials) {
		public Trd {
			minFailedTrials = (minFailedTrials != null) ? minFailedTrials : 2;
		}
	}

	/**
	 * @param minForSupport {@code phq9.minForSupport} (10)
	 */
	public record Phq9(Integer minForSupport) {
		public Phq9 {
			minForSupport = (minForSupport != null) ? minForSupport : 10;
		}
	}

	/**
	 * @param item9UrgentAtOrAbove {@code si.item9UrgentAtOrAbove} (2)
	 * @param q3ReviewHours {@code si.q3ReviewHours} (24): the review deadline of
	 * SCR-REV-26
	 */
	public record Si(Integer item9UrgentAtOrAbove, Integer q3ReviewHours) {
		public Si {
			item9UrgentAtOrAbove = (item9UrgentAtOrAbove != null) ? item9UrgentAtOrAbove : 2;
			q3ReviewHours = (q3ReviewHours != null) ? q3ReviewHours : 24;
		}
	}

	/**
	 * @param attenuationNoteAboveMgDzEq {@code bzd.attenuationNoteAboveMgDzEq} (8 mg/day,
	 * strict)
	 */
	public record Bzd(BigDecimal attenuationNoteAboveMgDzEq) {
		public Bzd {
			attenuationNoteAboveMgDzEq = (attenuationNoteAboveMgDzEq != null) ? attenuationNoteAboveMgDzEq
					: BigDecimal.valueOf(8);
		}
	}

	/**
	 * @param policy {@code pregnancy.policy} (EXCLUDE)
	 */
	public record Pregnancy(Policy policy) {
		public Pregnancy {
			policy = (policy != null) ? policy : Policy.EXCLUDE;
		}
	}

	/**
	 * @param primaryDisorderPolicy {@code psychosis.primaryDisorderPolicy} (EXCLUDE)
	 */
	public record Psychosis(Policy primaryDisorderPolicy) {
		public Psychosis {
			primaryDisorderPolicy = (primaryDisorderPolicy != null) ? primaryDisorderPolicy : Policy.EXCLUDE;
		}
	}

	/**
	 * @param activePolicy {@code sud.activePolicy} (EXCLUDE)
	 * @param activeWindowMonths {@code sud.activeWindowMonths} (3): what "active" means
	 * at capture
	 */
	public record Sud(Policy activePolicy, Integer activeWindowMonths) {
		public Sud {
			activePolicy = (activePolicy != null) ? activePolicy : Policy.EXCLUDE;
			activeWindowMonths = (activeWindowMonths != null) ? activeWindowMonths : 3;
		}
	}

	/**
	 * @param recentWindowMonths {@code ketamine.recentWindowMonths} (12): what "recent"
	 * means at capture
	 */
	public record Ketamine(Integer recentWindowMonths) {
		public Ketamine {
			recentWindowMonths = (recentWindowMonths != null) ? recentWindowMonths : 12;
		}
	}

	/**
	 * @param recentEventMonths {@code cv.recentEventMonths} (6): what "recent" means at
	 * capture
	 */
	public record Cv(Integer recentEventMonths) {
		public Cv {
			recentEventMonths = (recentEventMonths != null) ? recentEventMonths : 6;
		}
	}

}
