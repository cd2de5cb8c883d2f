package org.ketaclinic.scheduling.clinic;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClinicDayTests {

	private static final ZoneId ZONE = ZoneId.of("America/New_York");

	private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

	private static final List<UUID> CHAIRS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
			UUID.randomUUID(), UUID.randomUUID());

	private static final Duration BLOCK = Duration.ofMinutes(120);

	@Test
	void aSessionFitsInAFreeChairWithinOpeningHoursAndANurseOnDuty() {
		assertThat(day(1, 0).whyNot(CHAIRS.get(0), LocalTime.of(9, 0), BLOCK, 2, false)).isEmpty();
	}

	@Test
	void aSessionMustEndBeforeClosing() {
		assertThat(day(1, 0).whyNot(CHAIRS.get(0), LocalTime.of(16, 30), BLOCK, 2, false))
			.hasValueSatisfying((why) -> assertThat(why).contains("opening hours"));
		assertThat(day(1, 0).whyNot(CHAIRS.get(0), LocalTime.of(16, 0), BLOCK, 2, false)).isEmpty();
	}

	@Test
	void aTakenChairIsNotFreeButTheNextOneIs() {
		ClinicDay day = day(2, 0).with(occupied(0, 9));
		assertThat(day.whyNot(CHAIRS.get(0), LocalTime.of(10, 0), BLOCK, 2, false))
			.hasValueSatisfying((why) -> assertThat(why).contains("already booked"));
		assertThat(day.whyNot(CHAIRS.get(1), LocalTime.of(10, 0), BLOCK, 2, false)).isEmpty();
		assertThat(day.whyNot(CHAIRS.get(0), LocalTime.of(11, 0), BLOCK, 2, false)).as("back to back").isEmpty();
	}

	@Test
	void oneNurseMonitorsAtMostTwoChairsAtOnce() {
		ClinicDay day = day(1, 0).with(occupied(0, 9)).with(occupied(1, 9));
		assertThat(day.whyNot(CHAIRS.get(2), LocalTime.of(10, 0), BLOCK, 2, false))
			.hasValueSatisfying((why) -> assertThat(why).contains("not enough nurses"));
		assertThat(day.whyNot(CHAIRS.get(2), LocalTime.of(11, 0), BLOCK, 2, false)).isEmpty();
		assertThat(day(2, 0).with(occupied(0, 9))
			.with(occupied(1, 9))
			.whyNot(CHAIRS.get(2), LocalTime.of(10, 0), BLOCK, 2, false)).isEmpty();
	}

	@Test
	void esketamineNeedsAPrescriberOnSite() {
		assertThat(day(1, 0).whyNot(CHAIRS.get(0), LocalTime.of(9, 0), BLOCK, 2, true))
			.hasValueSatisfying((why) -> assertThat(why).contains("prescriber"));
		assertThat(day(1, 1).whyNot(CHAIRS.get(0), LocalTime.of(9, 0), BLOCK, 2, true)).isEmpty();
	}

	@Test
	void nothingFitsOnAClosedDay() {
		ClinicDay closed = new ClinicDay(UUID.randomUUID(), ZONE, DAY, null, null, CHAIRS, List.of(), List.of(),
				List.of());
		assertThat(closed.whyNot(CHAIRS.get(0), LocalTime.of(9, 0), BLOCK, 2, false))
			.hasValueSatisfying((why) -> assertThat(why).contains("closed"));
	}

	private static ClinicDay day(int nurses, int prescribers) {
		ClinicDay.Window shift = new ClinicDay.Window(LocalTime.of(8, 0), LocalTime.of(18, 0));
		return new ClinicDay(UUID.randomUUID(), ZONE, DAY, LocalTime.of(8, 0), LocalTime.of(18, 0), CHAIRS,
				java.util.Collections.nCopies(nurses, shift), java.util.Collections.nCopies(prescribers, shift),
				List.of());
	}

	private static ClinicDay.Occupied occupied(int chair, int hour) {
		ZonedDateTime from = ZonedDateTime.of(DAY, LocalTime.of(hour, 0), ZONE);
		return new ClinicDay.Occupied(CHAIRS.get(chair), from, from.plus(BLOCK));
	}

}
