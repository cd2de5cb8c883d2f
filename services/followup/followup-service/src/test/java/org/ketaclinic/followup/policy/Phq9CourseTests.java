package org.ketaclinic.followup.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketaclinic.followup.policy.Phq9Course.Reason;
import org.ketaclinic.followup.policy.Phq9Course.Status;

import static org.assertj.core.api.Assertions.assertThat;

class Phq9CourseTests {

	private static final Instant DAY_0 = Instant.parse("2027-03-01T15:00:00Z");

	private final Phq9Course course = Phq9Course.defaults();

	@Test
	void statusIsMeasuredAgainstTheBaselineAtTheBoundaries() {
		assertThat(this.course.status(20, 10)).isEqualTo(Status.RESPONSE); // exactly 50%
		assertThat(this.course.status(20, 11)).isEqualTo(Status.PARTIAL_RESPONSE); // 45%
		assertThat(this.course.status(20, 15)).isEqualTo(Status.PARTIAL_RESPONSE); // exactly
																					// 25%
		assertThat(this.course.status(20, 16)).isEqualTo(Status.NO_RESPONSE); // 20%
		assertThat(this.course.status(20, 4)).isEqualTo(Status.REMISSION);
		assertThat(this.course.status(20, 5)).isEqualTo(Status.RESPONSE); // 5 is not a
																			// remission
		assertThat(this.course.status(null, 12)).isEqualTo(Status.UNKNOWN);
		assertThat(this.course.responseThreshold(20)).isEqualTo(10);
	}

	@Test
	void oneWorseningCheckInIsNotYetARelapseTheSecondIs() {
		List<Phq9Course.Point> points = points(0, 6, 7, 15);
		Phq9Course.Assessment first = this.course.assess(20, points);
		assertThat(first.worsening()).contains(Reason.CLINICALLY_SIGNIFICANT_WORSENING, Reason.LOSS_OF_RESPONSE);
		assertThat(first.relapseRisk()).isEmpty();

		points.add(new Phq9Course.Point(DAY_0.plus(Duration.ofDays(14)), 16));
		Phq9Course.Assessment second = this.course.assess(20, points);
		assertThat(second.relapseRisk()).containsExactly(Reason.LOSS_OF_RESPONSE,
				Reason.CLINICALLY_SIGNIFICANT_WORSENING);
	}

	@Test
	void lossOfResponseNeedsTheLowCheckInsToSpanSevenDays() {
		// responded (8 of 20), then 12 twice within a day: below 50% but not yet 7 days
		// apart
		List<Phq9Course.Point> close = new ArrayList<>(
				List.of(new Phq9Course.Point(DAY_0, 8), new Phq9Course.Point(DAY_0.plus(Duration.ofDays(7)), 12),
						new Phq9Course.Point(DAY_0.plus(Duration.ofDays(8)), 12)));
		assertThat(this.course.assess(20, close).relapseRisk()).isEmpty();

		close.add(new Phq9Course.Point(DAY_0.plus(Duration.ofDays(14)), 12));
		assertThat(this.course.assess(20, close).relapseRisk()).containsExactly(Reason.LOSS_OF_RESPONSE);
	}

	@Test
	void afterARemissionTwoTotalsOfTenOrMoreAreALossOfRemission() {
		// baseline 24: 10 is still a response, but not a remission any more
		assertThat(this.course.assess(24, points(0, 3, 7, 10, 14, 10)).relapseRisk()).contains(Reason.LOSS_OF_REMISSION)
			.doesNotContain(Reason.LOSS_OF_RESPONSE);
		assertThat(this.course.assess(24, points(0, 3, 7, 10, 14, 9)).relapseRisk())
			.doesNotContain(Reason.LOSS_OF_REMISSION);
	}

	@Test
	void aCheckInThatIsNotWorseEndsTheRun() {
		List<Phq9Course.Point> points = points(0, 6, 7, 15, 14, 7, 21, 16);
		assertThat(this.course.assess(20, points).relapseRisk()).isEmpty();
		assertThat(this.course.assess(20, points).isWorsening()).isTrue();
		assertThat(this.course.assess(20, points(0, 6, 7, 15, 14, 7)).isWorsening()).isFalse();
	}

	@Test
	void withoutAResponseTwoRisesOfFivePointsStillCount() {
		// never responded: 18 -> 23 -> 24, each 5+ above the last stable total (18)
		assertThat(this.course.assess(18, points(0, 23, 1, 24)).relapseRisk())
			.containsExactly(Reason.CLINICALLY_SIGNIFICANT_WORSENING);
		assertThat(this.course.assess(18, points(0, 20, 1, 21)).relapseRisk()).isEmpty();
	}

	/** Pairs of (day, total). */
	private static List<Phq9Course.Point> points(int... dayTotal) {
		List<Phq9Course.Point> points = new ArrayList<>();
		for (int i = 0; i < dayTotal.length; i += 2) {
			points.add(new Phq9Course.Point(DAY_0.plus(Duration.ofDays(dayTotal[i])), dayTotal[i + 1]));
		}
		return points;
	}

}
