package org.ketaclinic.followup.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Judges a PHQ-9 total against the baseline and the earlier check-ins
 * (clinical-criteria.md §5): response (≥50% reduction), partial response (25–49%),
 * remission (&lt;5), clinically significant worsening (≥5 points up), and relapse risk.
 * <p>
 * A check-in is <em>worsening</em> when it is 5 or more points above the last check-in
 * that was not worsening (the baseline at first), when it falls below the response
 * threshold after a response, or reaches 10 after a remission. Relapse risk needs two
 * consecutive worsening check-ins; loss of response further needs the run of check-ins
 * below the threshold to span at least {@code lossOfResponseSpan} (7 days), and is
 * reported only once it does.
 *
 * @param responseReduction the reduction from baseline that is a response (0.5)
 * @param partialReduction the reduction that is a partial response (0.25)
 * @param remissionBelow totals below this are a remission (5)
 * @param worseningPoints a rise of this many points is clinically significant (5)
 * @param relapseAfterRemission after a remission, totals from this on count (10)
 * @param lossOfResponseSpan the least span of the check-ins that confirm a loss of
 * response (7 days)
 */
public record Phq9Course(double responseReduction, double partialReduction, int remissionBelow, int worseningPoints,
		int relapseAfterRemission, Duration lossOfResponseSpan) {

	public Phq9Course {
		if (!(responseReduction > partialReduction && partialReduction > 0 && responseReduction <= 1)
				|| remissionBelow < 1 || worseningPoints < 1 || relapseAfterRemission <= remissionBelow
				|| lossOfResponseSpan.isNegative()) {
			throw new IllegalArgumentException("PHQ-9 thresholds are inconsistent");
		}
	}

	/** The defaults of clinical-criteria.md §5. */
	public static Phq9Course defaults() {
		return new Phq9Course(0.5, 0.25, 5, 5, 10, Duration.ofDays(7));
	}

	/** The response status of a total against the baseline. */
	public Status status(Integer baseline, int total) {
		if (total < this.remissionBelow) {
			return Status.REMISSION;
		}
		if (baseline == null || baseline == 0) {
			return Status.UNKNOWN;
		}
		double reduction = reduction(baseline, total);
		if (reduction >= this.responseReduction) {
			return Status.RESPONSE;
		}
		return (reduction >= this.partialReduction) ? Status.PARTIAL_RESPONSE : Status.NO_RESPONSE;
	}

	/** The total at or below which a patient has responded, if the baseline is known. */
	public Integer responseThreshold(Integer baseline) {
		return (baseline == null) ? null : (int) Math.floor(baseline * (1 - this.responseReduction));
	}

	/**
	 * Judges the latest of a patient's full PHQ-9 check-ins.
	 * @param baseline the baseline total, or null if unknown
	 * @param points every full check-in so far, oldest first, the latest last
	 * @return the judgement of the latest
	 */
	public Assessment assess(Integer baseline, List<Point> points) {
		if (points.isEmpty()) {
			throw new IllegalArgumentException("nothing to assess");
		}
		List<Set<Reason>> worse = new ArrayList<>();
		Integer reference = baseline;
		boolean responded = false;
		boolean remitted = false;
		for (Point point : points) {
			Set<Reason> reasons = EnumSet.noneOf(Reason.class);
			if (reference != null && point.total() >= reference + this.worseningPoints) {
				reasons.add(Reason.CLINICALLY_SIGNIFICANT_WORSENING);
			}
			if (responded && baseline != null && baseline > 0
					&& reduction(baseline, point.total()) < this.responseReduction) {
				reasons.add(Reason.LOSS_OF_RESPONSE);
			}
			if (remitted && point.total() >= this.relapseAfterRemission) {
				reasons.add(Reason.LOSS_OF_REMISSION);
			}
			if (reasons.isEmpty()) {
				reference = point.total();
			}
			Status status = status(baseline, point.total());
			responded |= status == Status.RESPONSE || status == Status.REMISSION && baseline != null;
			remitted |= status == Status.REMISSION;
			worse.add(reasons);
		}
		int last = points.size() - 1;
		Point latest = points.get(last);
		Set<Reason> now = worse.get(last);
		List<Reason> relapse = new ArrayList<>();
		if (last > 0 && !now.isEmpty() && !worse.get(last - 1).isEmpty()) {
			Set<Reason> before = worse.get(last - 1);
			if (now.contains(Reason.LOSS_OF_RESPONSE) && before.contains(Reason.LOSS_OF_RESPONSE)) {
				int first = last;
				while (first > 0 && worse.get(first - 1).contains(Reason.LOSS_OF_RESPONSE)) {
					first--;
				}
				if (Duration.between(points.get(first).at(), latest.at()).compareTo(this.lossOfResponseSpan) >= 0) {
					relapse.add(Reason.LOSS_OF_RESPONSE);
				}
			}
			if (now.contains(Reason.LOSS_OF_REMISSION) && before.contains(Reason.LOSS_OF_REMISSION)) {
				relapse.add(Reason.LOSS_OF_REMISSION);
			}
			if (now.contains(Reason.CLINICALLY_SIGNIFICANT_WORSENING)
					&& before.contains(Reason.CLINICALLY_SIGNIFICANT_WORSENING)) {
				relapse.add(Reason.CLINICALLY_SIGNIFICANT_WORSENING);
			}
		}
		return new Assessment(status(baseline, latest.total()), Set.copyOf(now), List.copyOf(relapse));
	}

	private static double reduction(int baseline, int total) {
		return (baseline - total) / (double) baseline;
	}

	/**
	 * A full PHQ-9 at a check-in.
	 *
	 * @param at when it was answered
	 * @param total its total
	 */
	public record Point(Instant at, int total) {
	}

	/**
	 * The judgement of one check-in.
	 *
	 * @param status its response status
	 * @param worsening why it is worsening, empty if it is not
	 * @param relapseRisk why it and the one before confirm a relapse risk, empty if they
	 * do not
	 */
	public record Assessment(Status status, Set<Reason> worsening, List<Reason> relapseRisk) {

		public boolean isWorsening() {
			return !this.worsening.isEmpty();
		}

	}

	/** The response status against the baseline. */
	public enum Status {

		REMISSION, RESPONSE, PARTIAL_RESPONSE, NO_RESPONSE, UNKNOWN

	}

	/** Why a check-in is worsening; the names of {@code RelapseRiskDetected.Reason}. */
	public enum Reason {

		LOSS_OF_RESPONSE, LOSS_OF_REMISSION, CLINICALLY_SIGNIFICANT_WORSENING

	}

}
