package org.ketaclinic.followup.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QuietHoursTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private final QuietHours quiet = new QuietHours(LocalTime.of(8, 0), LocalTime.of(21, 0));

	@Test
	void sendsInsideTheWindowAndMovesEarlyAndLateMessagesToItsNextStart() {
		assertThat(this.quiet.allows(Instant.parse("2027-01-12T13:00:00Z"), NEW_YORK)).isTrue(); // 08:00
		assertThat(this.quiet.allows(Instant.parse("2027-01-12T12:59:59Z"), NEW_YORK)).isFalse(); // 07:59:59
		assertThat(this.quiet.allows(Instant.parse("2027-01-13T02:00:00Z"), NEW_YORK)).isFalse(); // 21:00
		assertThat(this.quiet.nextAllowed(Instant.parse("2027-01-12T11:00:00Z"), NEW_YORK))
			.isEqualTo(Instant.parse("2027-01-12T13:00:00Z"));
		assertThat(this.quiet.nextAllowed(Instant.parse("2027-01-13T03:30:00Z"), NEW_YORK)) // 22:30
			.isEqualTo(Instant.parse("2027-01-13T13:00:00Z"));
	}

	@Test
	void theWindowFollowsTheLocalClockOverBothDstChanges() {
		// 14 March 2027: 08:00 local is 12:00Z (EDT), not 13:00Z
		assertThat(this.quiet.nextAllowed(Instant.parse("2027-03-14T06:30:00Z"), NEW_YORK))
			.isEqualTo(Instant.parse("2027-03-14T12:00:00Z"));
		// 7 November 2027: 08:00 local is 13:00Z again (EST)
		assertThat(this.quiet.nextAllowed(Instant.parse("2027-11-07T05:30:00Z"), NEW_YORK))
			.isEqualTo(Instant.parse("2027-11-07T13:00:00Z"));
		assertThat(this.quiet.allows(Instant.parse("2027-03-14T12:30:00Z"), NEW_YORK)).isTrue();
		assertThat(this.quiet.allows(Instant.parse("2027-03-13T12:30:00Z"), NEW_YORK)).isFalse();
	}

	@Test
	void aWindowMustOpenBeforeItCloses() {
		assertThatIllegalArgumentException().isThrownBy(() -> new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
	}

}
