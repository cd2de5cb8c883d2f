package org.ketaclinic.acceptance;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The budgets the outage suite's outages must outlast, worked out as the services retry.
 */
class RetryBudgetsTests {

	@Test
	void theConsumersDefaultPoisonBudgetIsTheSumOfItsCappedDoublingWaits() {
		// 0.5 + 1 + 2 + 4 + 8 + 10 (capped) seconds
		assertThat(RetryBudgets.consumerRetries(6, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10)))
			.isEqualTo(Duration.ofMillis(25_500));
		assertThat(RetryBudgets.consumerRetries(0, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10))).isZero();
	}

	@Test
	void theDispatchersBudgetCoversBothChannelsAttemptsAndTheirBackoff() {
		// the defaults: 4 attempts of up to 10 s and 30 + 60 + 120 s between them, on
		// each
		// of two channels
		assertThat(RetryBudgets.messageDelivery(4, Duration.ofSeconds(30), Duration.ofMinutes(30)))
			.isEqualTo(Duration.ofSeconds(2 * (40 + 30 + 60 + 120)));
		// what infra/local/check configures for CI: 2 attempts, 1 s apart
		assertThat(RetryBudgets.messageDelivery(2, Duration.ofSeconds(1), Duration.ofMinutes(30)))
			.isEqualTo(Duration.ofSeconds(42));
		// the longest wait caps the doubling
		assertThat(RetryBudgets.messageDelivery(3, Duration.ofSeconds(30), Duration.ofSeconds(40)))
			.isEqualTo(Duration.ofSeconds(2 * (30 + 30 + 40)));
	}

	@Test
	void outageLengthsReadAsTheStacksSettingsAre() {
		assertThat(RetryBudgets.duration("90s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(RetryBudgets.duration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(RetryBudgets.duration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(RetryBudgets.duration("PT5M")).isEqualTo(Duration.ofMinutes(5));
		assertThatThrownBy(() -> RetryBudgets.duration("5 minutes")).isInstanceOf(RuntimeException.class);
	}

}
