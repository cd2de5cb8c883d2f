package org.ketaclinic.scheduling.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesRulesTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private final Protocol iv = new ProtocolProperties(null, null, null, null).ivKetamine();

	private final Protocol esketamine = new ProtocolProperties(null, null, null, null).esketamine();

	@Test
	void acceptsMondayWednesdayFridayForTwoWeeks() {
		assertThat(SeriesRules.violations(days(0, 2, 4, 7, 9, 11), this.iv, 6, NEW_YORK)).isEmpty();
	}

	@Test
	void refusesSessionsLessThan48HoursApart() {
		assertThat(SeriesRules.violations(days(0, 1), this.iv, 6, NEW_YORK)).anyMatch((v) -> v.contains("48 hours"));
		assertThat(SeriesRules.violations(List.of(at(0, 9), at(2, 8)), this.iv, 6, NEW_YORK))
			.anyMatch((v) -> v.contains("48 hours"));
		assertThat(SeriesRules.violations(List.of(at(0, 9), at(2, 9)), this.iv, 6, NEW_YORK)).isEmpty();
	}

	@Test
	void flagsAGapOfMoreThanSevenDaysForAClinicianWithoutRefusingIt() {
		assertThat(SeriesRules.reviewFlags(days(0, 7), this.iv)).isEmpty();
		assertThat(SeriesRules.reviewFlags(days(0, 8), this.iv)).anyMatch((v) -> v.contains("7 days"));
		assertThat(SeriesRules.violations(days(0, 8), this.iv, 6, NEW_YORK)).isEmpty();
	}

	@Test
	void refusesANewSessionMoreThanSevenDaysFromItsNeighboursButNotAnOldGap() {
		List<Instant> old = days(0, 10);
		assertThat(SeriesRules.gapsAround(old, List.of(), this.iv)).isEmpty();
		List<Instant> withNew = days(0, 10, 12);
		assertThat(SeriesRules.gapsAround(withNew, List.of(at(12, 9)), this.iv)).isEmpty();
		assertThat(SeriesRules.gapsAround(days(0, 10, 20), List.of(at(20, 9)), this.iv))
			.anyMatch((v) -> v.contains("7 days"));
	}

	@Test
	void refusesMoreThanTheWeeklyMaximumInAnySevenLocalDays() {
		assertThat(SeriesRules.violations(days(0, 2, 4, 6), this.iv, 6, NEW_YORK))
			.anyMatch((v) -> v.contains("within 7 days"));
		assertThat(SeriesRules.violations(days(0, 2, 4), this.esketamine, 8, NEW_YORK))
			.anyMatch((v) -> v.contains("more than 2"));
	}

	@Test
	void countsWeeksInClinicDaysAcrossADaylightSavingChange() {
		// Mon 8, Wed 10, Fri 12 March 2027 (EST), then Wed 17 (EDT) at the same local
		// time
		LocalDate monday = LocalDate.of(2027, 3, 8);
		List<Instant> starts = List.of(local(monday, 9), local(monday.plusDays(2), 9), local(monday.plusDays(4), 9),
				local(monday.plusDays(7), 9), local(monday.plusDays(9), 9));
		assertThat(SeriesRules.violations(starts, this.iv, 6, NEW_YORK)).isEmpty();
	}

	@Test
	void refusesMoreSessionsThanPlanned() {
		assertThat(SeriesRules.violations(days(0, 2, 4, 7, 9, 11, 14), this.iv, 6, NEW_YORK))
			.anyMatch((v) -> v.contains("holds 6"));
	}

	@Test
	void seededRandomSeriesThatPassNeverBreakSpacingOrTheWeeklyMaximum() {
		Random random = new Random(5);
		int accepted = 0;
		for (int i = 0; i < 3_000; i++) {
			List<Instant> starts = new ArrayList<>();
			int day = 0;
			for (int k = 0; k < 6; k++) {
				day += random.nextInt(5);
				starts.add(at(day, 8 + random.nextInt(8)));
			}
			if (SeriesRules.violations(starts, this.iv, 6, NEW_YORK).isEmpty()) {
				accepted++;
				List<Instant> sorted = starts.stream().sorted().toList();
				for (int k = 1; k < sorted.size(); k++) {
					assertThat(java.time.Duration.between(sorted.get(k - 1), sorted.get(k)).toHours()).isBetween(48L,
							7 * 24L);
				}
				for (Instant first : sorted) {
					LocalDate from = LocalDate.ofInstant(first, NEW_YORK);
					assertThat(sorted.stream()
						.map((s) -> LocalDate.ofInstant(s, NEW_YORK))
						.filter((d) -> !d.isBefore(from) && d.isBefore(from.plusDays(7)))
						.count()).isLessThanOrEqualTo(3);
				}
			}
		}
		assertThat(accepted).isPositive();
	}

	private static List<Instant> days(int... offsets) {
		List<Instant> starts = new ArrayList<>();
		for (int offset : offsets) {
			starts.add(at(offset, 9));
		}
		return starts;
	}

	private static Instant at(int dayOffset, int hour) {
		return local(LocalDate.of(2026, 12, 7).plusDays(dayOffset), hour);
	}

	private static Instant local(LocalDate date, int hour) {
		return ZonedDateTime.of(date, LocalTime.of(hour, 0), NEW_YORK).toInstant();
	}

}
