package org.ketaclinic.followup.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The check-in cadence of clinical-criteria.md §5, counted in days on the patient's
 * calendar and sent at a fixed local time of day.
 *
 * @param sendAt the local time of day check-ins go out (10:00)
 * @param inductionWeeks how many weekly check-ins during induction at most (4)
 * @param afterSeriesDays days after the series (7, 14, 21, 28)
 * @param monthlyDays days after the series for the monthly ones ({@code followup.monthly}
 * = 60, 90, 180)
 * @param afterBoosterDays days after a booster (3 brief, 7 full)
 */
public record CheckInCadence(LocalTime sendAt, int inductionWeeks, List<Integer> afterSeriesDays,
		List<Integer> monthlyDays, List<Integer> afterBoosterDays) {

	public CheckInCadence {
		afterSeriesDays = List.copyOf(afterSeriesDays);
		monthlyDays = List.copyOf(monthlyDays);
		afterBoosterDays = List.copyOf(afterBoosterDays);
		if (inductionWeeks < 0 || afterBoosterDays.size() != 2 || afterSeriesDays.stream().anyMatch((d) -> d < 1)
				|| monthlyDays.stream().anyMatch((d) -> d < 1) || afterBoosterDays.stream().anyMatch((d) -> d < 1)) {
			throw new IllegalArgumentException("check-in days must be positive; a booster has two check-ins");
		}
	}

	/** The defaults of clinical-criteria.md §5. */
	public static CheckInCadence defaults() {
		return new CheckInCadence(LocalTime.of(10, 0), 4, List.of(7, 14, 21, 28), List.of(60, 90, 180), List.of(3, 7));
	}

	/**
	 * The check-ins a completed session starts.
	 * @param planKind {@code INDUCTION} or {@code BOOSTER}
	 * @param sequence the session's place in its plan
	 * @param lastOfSeries whether it completed the series
	 * @param sessionDay the session's day on the patient's calendar
	 * @param zone the patient's time zone
	 * @return the check-ins to plan, earliest first
	 */
	public List<Planned> afterSession(String planKind, int sequence, boolean lastOfSeries, LocalDate sessionDay,
			ZoneId zone) {
		List<Planned> planned = new ArrayList<>();
		if ("BOOSTER".equals(planKind)) {
			planned.add(at(CheckInKind.BOOSTER_DAY_3, sessionDay, this.afterBoosterDays.get(0), zone));
			planned.add(at(CheckInKind.BOOSTER_DAY_7, sessionDay, this.afterBoosterDays.get(1), zone));
			return planned;
		}
		if (sequence == 1) {
			planned.add(at(CheckInKind.DAY_AFTER_FIRST_SESSION, sessionDay, 1, zone));
			for (int week = 1; week <= this.inductionWeeks && !lastOfSeries; week++) {
				planned.add(at(CheckInKind.INDUCTION_WEEKLY, sessionDay, 7 * week, zone));
			}
		}
		if (lastOfSeries) {
			this.afterSeriesDays.forEach((day) -> planned.add(at(CheckInKind.POST_SERIES, sessionDay, day, zone)));
			this.monthlyDays.forEach((day) -> planned.add(at(CheckInKind.MONTHLY, sessionDay, day, zone)));
		}
		return planned;
	}

	private Planned at(CheckInKind kind, LocalDate sessionDay, int days, ZoneId zone) {
		return new Planned(kind, days, ZonedDateTime.of(sessionDay.plusDays(days), this.sendAt, zone).toInstant());
	}

	/**
	 * A check-in to plan.
	 *
	 * @param kind why
	 * @param day the day number after the session
	 * @param at when it goes out
	 */
	public record Planned(CheckInKind kind, int day, Instant at) {
	}

}
