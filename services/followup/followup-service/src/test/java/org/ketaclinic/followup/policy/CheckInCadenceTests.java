package org.ketaclinic.followup.policy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CheckInCadenceTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private final CheckInCadence cadence = CheckInCadence.defaults();

	@Test
	void theFirstInductionSessionStartsTheNextDayCheckAndTheWeeklyPhq9() {
		assertThat(this.cadence.afterSession("INDUCTION", 1, false, LocalDate.of(2027, 3, 1), NEW_YORK))
			.extracting(CheckInCadence.Planned::kind, CheckInCadence.Planned::day)
			.containsExactly(tuple(CheckInKind.DAY_AFTER_FIRST_SESSION, 1), tuple(CheckInKind.INDUCTION_WEEKLY, 7),
					tuple(CheckInKind.INDUCTION_WEEKLY, 14), tuple(CheckInKind.INDUCTION_WEEKLY, 21),
					tuple(CheckInKind.INDUCTION_WEEKLY, 28));
		assertThat(this.cadence.afterSession("INDUCTION", 3, false, LocalDate.of(2027, 3, 5), NEW_YORK)).isEmpty();
	}

	@Test
	void theLastSessionOfTheSeriesStartsDays7To28AndMonths2To6AtTenLocal() {
		var planned = this.cadence.afterSession("INDUCTION", 6, true, LocalDate.of(2027, 3, 10), NEW_YORK);

		assertThat(planned).extracting(CheckInCadence.Planned::kind, CheckInCadence.Planned::day)
			.containsExactly(tuple(CheckInKind.POST_SERIES, 7), tuple(CheckInKind.POST_SERIES, 14),
					tuple(CheckInKind.POST_SERIES, 21), tuple(CheckInKind.POST_SERIES, 28),
					tuple(CheckInKind.MONTHLY, 60), tuple(CheckInKind.MONTHLY, 90), tuple(CheckInKind.MONTHLY, 180));
		// day 7 falls after the DST change: still 10:00 on the patient's clock
		assertThat(planned.get(0).at().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
		assertThat(planned.get(0).at().atZone(NEW_YORK).toLocalDate()).isEqualTo(LocalDate.of(2027, 3, 17));
	}

	@Test
	void aBoosterIsFollowedOnDays3And7() {
		assertThat(this.cadence.afterSession("BOOSTER", 1, true, LocalDate.of(2027, 5, 3), NEW_YORK))
			.extracting(CheckInCadence.Planned::kind, CheckInCadence.Planned::day)
			.containsExactly(tuple(CheckInKind.BOOSTER_DAY_3, 3), tuple(CheckInKind.BOOSTER_DAY_7, 7));
		assertThat(CheckInKind.BOOSTER_DAY_3.scope()).isEqualTo(CheckInKind.Scope.BRIEF);
		assertThat(CheckInKind.BOOSTER_DAY_7.scope()).isEqualTo(CheckInKind.Scope.FULL);
	}

}
