package org.ketaclinic.followup.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderScheduleTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private final ReminderSchedule schedule = ReminderSchedule.defaults();

	@Test
	void remindersKeepTheAppointmentsClockTimeAcrossTheSpringDstChange() {
		// DST starts on Sunday 14 March 2027 in New York
		ZonedDateTime tuesday = ZonedDateTime.of(2027, 3, 16, 9, 0, 0, 0, NEW_YORK);

		List<ReminderSchedule.Planned> planned = this.schedule.plan(tuesday, Instant.parse("2027-03-01T15:00:00Z"));

		assertThat(planned).extracting(ReminderSchedule.Planned::kind)
			.containsExactly(MessageKind.REMINDER_72H, MessageKind.REMINDER_24H, MessageKind.REMINDER_2H);
		assertThat(planned).extracting(ReminderSchedule.Planned::at)
			.containsExactly(Instant.parse("2027-03-13T14:00:00Z"), // Sat 09:00 EST
					Instant.parse("2027-03-15T13:00:00Z"), // Mon 09:00 EDT
					Instant.parse("2027-03-16T11:00:00Z")); // Tue 07:00 EDT
	}

	@Test
	void aBookingInsideAWindowSkipsThatReminder() {
		ZonedDateTime start = ZonedDateTime.of(2027, 2, 10, 14, 0, 0, 0, NEW_YORK);

		assertThat(this.schedule.plan(start, start.minusHours(50).toInstant()))
			.extracting(ReminderSchedule.Planned::kind)
			.containsExactly(MessageKind.REMINDER_24H, MessageKind.REMINDER_2H);
		assertThat(this.schedule.plan(start, start.minusHours(3).toInstant()))
			.extracting(ReminderSchedule.Planned::kind)
			.containsExactly(MessageKind.REMINDER_2H);
		assertThat(this.schedule.plan(start, start.minusMinutes(90).toInstant())).isEmpty();
	}

}
