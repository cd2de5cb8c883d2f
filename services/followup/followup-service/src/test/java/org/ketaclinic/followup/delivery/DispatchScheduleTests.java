package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.ketaclinic.followup.FollowupProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DispatchScheduleTests {

	private static final FollowupProperties.Delivery FAST = new FollowupProperties.Delivery(Duration.ofMillis(20), null,
			null, null, null, null, 1, null);

	@Test
	void anErrorThrownInAPassDoesNotEndTheLoopAndTheHealthSaysSoUntilAPassCompletes() throws Exception {
		AtomicInteger passes = new AtomicInteger();
		AtomicInteger errorsLeft = new AtomicInteger(0);
		Runnable pass = () -> {
			passes.incrementAndGet();
			if (errorsLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				throw new StackOverflowError("simulated");
			}
		};
		DispatchSchedule schedule = new DispatchSchedule(pass, FAST, Clock.systemUTC());
		DispatcherHealthIndicator indicator = new DispatcherHealthIndicator(schedule, channels());
		schedule.start();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 2);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

			errorsLeft.set(1_000_000);
			int before = passes.get();
			// the loop keeps running passes after the first Error
			await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= before + 5);
			Health failing = indicator.health();
			assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
			assertThat(failing.getDetails()).containsEntry("lastFailure", "java.lang.StackOverflowError");
			assertThat((Long) failing.getDetails().get("consecutiveFailures")).isGreaterThanOrEqualTo(5);
			assertThat(failing.getDetails().get("problem").toString()).contains("last dispatch pass failed");

			errorsLeft.set(0);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				Health recovered = indicator.health();
				assertThat(recovered.getStatus()).isEqualTo(Status.UP);
				assertThat((Long) recovered.getDetails().get("failedPasses")).isGreaterThanOrEqualTo(5);
				assertThat(recovered.getDetails()).containsEntry("lastFailure", "java.lang.StackOverflowError");
			});
		}
		finally {
			schedule.stop();
			schedule.destroy();
		}
	}

	@Test
	void aLoopWithoutACompletedPassForTenIntervalsIsDownThoughNoPassFailed() {
		MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
		FollowupProperties.Delivery slow = new FollowupProperties.Delivery(Duration.ofSeconds(30), null, null, null,
				null, null, 1, null);
		DispatchSchedule schedule = new DispatchSchedule(() -> {
		}, slow, clock);
		DispatcherHealthIndicator indicator = new DispatcherHealthIndicator(schedule, channels(), clock);
		assertThat(indicator.health().getStatus()).as("before start").isEqualTo(Status.UNKNOWN);
		schedule.start();
		try {
			schedule.dispatch();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

			// a pass that hangs: nothing completes for ten intervals (300 s)
			clock.advance(Duration.ofSeconds(299));
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			clock.advance(Duration.ofSeconds(2));
			Health stalled = indicator.health();
			assertThat(stalled.getStatus()).isEqualTo(Status.DOWN);
			assertThat(stalled.getDetails().get("problem").toString())
				.isEqualTo("no dispatch pass has completed within 300 s");

			schedule.dispatch();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		}
		finally {
			schedule.stop();
		}
	}

	@Test
	void aProviderOutageShowsInTheDetailsWithoutTurningTheDispatcherDown() {
		MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ChannelStates channels = new ChannelStates(meters, clock);
		DispatchSchedule schedule = new DispatchSchedule(() -> {
		}, new FollowupProperties.Delivery(Duration.ofSeconds(30), null, null, null, null, null, 1, null), clock);
		DispatcherHealthIndicator indicator = new DispatcherHealthIndicator(schedule, channels, clock);
		schedule.start();
		try {
			schedule.dispatch();
			assertThat(channelDetails(indicator.health())).containsEntry("SMS", Map.of("state", "UP"))
				.containsEntry("EMAIL", Map.of("state", "UP"));
			assertThat(up(meters, "SMS")).isEqualTo(1.0);

			clock.advance(Duration.ofSeconds(10));
			channels.record("SMS", Channel.Result.unavailable("SMS provider unavailable: answered 503"));
			clock.advance(Duration.ofSeconds(10));
			channels.record("SMS", Channel.Result.unavailable("SMS provider unavailable: unreachable"));
			channels.record("SMS", Channel.Result.tryAgain("SMS provider answered 500"));
			channels.record("SMS", Channel.Result.rejected("SMS provider answered 400"));
			channels.record("EMAIL", Channel.Result.sent("m1"));

			Health during = indicator.health();
			assertThat(during.getStatus()).as("the loops work; they wait for the provider").isEqualTo(Status.UP);
			assertThat(channelDetails(during)).containsEntry("SMS", Map.of("state", "UNAVAILABLE", "since",
					"2026-12-01T09:00:10Z", "detail", "SMS provider unavailable: unreachable"))
				.containsEntry("EMAIL", Map.of("state", "UP"));
			assertThat(up(meters, "SMS")).as("a refusal of one text says nothing of the provider").isZero();
			assertThat(up(meters, "EMAIL")).isEqualTo(1.0);

			schedule.dispatch();
			clock.advance(Duration.ofSeconds(30));
			channels.record("SMS", Channel.Result.delivered("sms-1"));
			assertThat(channelDetails(indicator.health())).containsEntry("SMS",
					Map.of("state", "UP", "since", "2026-12-01T09:00:50Z"));
			assertThat(up(meters, "SMS")).isEqualTo(1.0);
		}
		finally {
			schedule.stop();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> channelDetails(Health health) {
		return (Map<String, Object>) health.getDetails().get("channels");
	}

	private static double up(SimpleMeterRegistry meters, String channel) {
		return meters.get("ketaclinic.followup.channel.up").tag("channel", channel).gauge().value();
	}

	private static ChannelStates channels() {
		return new ChannelStates(new SimpleMeterRegistry(), Clock.systemUTC());
	}

	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
