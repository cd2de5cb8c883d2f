package org.ketaclinic.followup.policy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChoosingChannelTests {

	private static final List<String> SMS_FIRST = List.of("SMS", "EMAIL");

	@Test
	void thePreferredUsableChannelWithinTheBudget() {
		assertThat(ChoosingChannel.channelFor(SMS_FIRST, Set.of("SMS", "EMAIL")::contains, List.of(), true, () -> true))
			.isEqualTo("SMS");
		assertThat(ChoosingChannel.channelFor(SMS_FIRST, Set.of("EMAIL")::contains, List.of(), true, () -> true))
			.as("no consent or no number for texts")
			.isEqualTo("EMAIL");
	}

	@Test
	void aChannelAlreadyTriedIsNotTriedAgain() {
		assertThat(ChoosingChannel.channelFor(SMS_FIRST, Set.of("SMS", "EMAIL")::contains, List.of("SMS"), true,
				() -> true))
			.isEqualTo("EMAIL");
		assertThat(ChoosingChannel.channelFor(SMS_FIRST, Set.of("SMS", "EMAIL")::contains, List.of("SMS", "EMAIL"),
				true, () -> true))
			.isNull();
	}

	@Test
	void overTheTextBudgetAReminderGoesByEmailOrWaits() {
		assertThat(
				ChoosingChannel.channelFor(SMS_FIRST, Set.of("SMS", "EMAIL")::contains, List.of(), true, () -> false))
			.isEqualTo("EMAIL");
		assertThat(ChoosingChannel.channelFor(SMS_FIRST, Set.of("SMS")::contains, List.of(), true, () -> false))
			.as("held by the budget: waits for tomorrow")
			.isNull();
	}

	@Test
	void overTheTextBudgetACheckInLinkStillGoesAtOnce() {
		assertThat(ChoosingChannel.channelFor(SMS_FIRST, Set.of("SMS")::contains, List.of(), false, () -> false))
			.as("never later: its safety questions do not wait for the budget")
			.isEqualTo("SMS");
		assertThat(
				ChoosingChannel.channelFor(SMS_FIRST, Set.of("SMS", "EMAIL")::contains, List.of(), false, () -> false))
			.as("by email where the patient has one, rather than over the budget")
			.isEqualTo("EMAIL");
	}

	@Test
	void theBudgetIsAskedOnlyWhenATextIsConsidered() {
		assertThat(
				ChoosingChannel.channelFor(List.of("EMAIL", "SMS"), Set.of("EMAIL")::contains, List.of(), true, () -> {
					throw new AssertionError("no text considered");
				}))
			.isEqualTo("EMAIL");
	}

}
