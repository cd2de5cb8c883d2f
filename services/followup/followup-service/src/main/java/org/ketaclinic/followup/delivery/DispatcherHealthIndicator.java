package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The dispatch loops as the {@code dispatcher} health component: {@code DOWN} when the
 * last pass failed, or when no pass has completed within {@value #STALE_INTERVALS} poll
 * intervals (at least a minute), e.g. because a pass hangs; {@code UP} otherwise. Details
 * name the failure's class and times, never a message or patient data, and each channel's
 * provider ({@code channels}: {@code SMS} and {@code EMAIL}, {@code UP} or
 * {@code UNAVAILABLE} since when and why, from {@link ChannelStates}); a provider outage
 * leaves the component {@code UP}, the loops work and wait for it.
 *
 * <p>
 * Not in the readiness group (which is {@code readinessState,db}): a stuck dispatcher is
 * no reason to take the service's HTTP API out of the load balancer. It shows on
 * {@code /actuator/health}, for alerting.
 */
@Component("dispatcherHealthIndicator")
@ConditionalOnProperty(name = "ketaclinic.followup.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
class DispatcherHealthIndicator implements HealthIndicator {

	/** Poll intervals without a completed pass before the loops count as stalled. */
	static final int STALE_INTERVALS = 10;

	private static final Duration MIN_STALE = Duration.ofMinutes(1);

	private final DispatchSchedule schedule;

	private final ChannelStates channels;

	private final Clock clock;

	@Autowired
	DispatcherHealthIndicator(DispatchSchedule schedule, ChannelStates channels) {
		this(schedule, channels, Clock.systemUTC());
	}

	DispatcherHealthIndicator(DispatchSchedule schedule, ChannelStates channels, Clock clock) {
		this.schedule = schedule;
		this.channels = channels;
		this.clock = clock;
	}

	@Override
	public Health health() {
		DispatchSchedule.State state = this.schedule.state();
		if (!state.running() || state.startedAt() == null) {
			return Health.unknown().withDetail("loops", "not running").withDetail("channels", channels()).build();
		}
		Duration stale = state.pollInterval().multipliedBy(STALE_INTERVALS);
		if (stale.compareTo(MIN_STALE) < 0) {
			stale = MIN_STALE;
		}
		Instant lastProgress = (state.lastSuccess() != null) ? state.lastSuccess() : state.startedAt();
		Health.Builder health;
		if (state.consecutiveFailures() > 0) {
			health = Health.down()
				.withDetail("problem", "the last dispatch pass failed; the loops go on and retry")
				.withDetail("consecutiveFailures", state.consecutiveFailures());
		}
		else if (Duration.between(lastProgress, this.clock.instant()).compareTo(stale) > 0) {
			health = Health.down()
				.withDetail("problem", "no dispatch pass has completed within " + stale.toSeconds() + " s");
		}
		else {
			health = Health.up();
		}
		health.withDetail("lastSuccess", (state.lastSuccess() != null) ? state.lastSuccess().toString() : "none yet")
			.withDetail("failedPasses", state.failedPasses())
			.withDetail("channels", channels());
		if (state.lastFailure() != null) {
			health.withDetail("lastFailure", state.lastFailure())
				.withDetail("lastFailureAt", state.lastFailureAt().toString());
		}
		return health.build();
	}

	/**
	 * Each channel's provider: {@code UP}, or {@code UNAVAILABLE} with since when and why
	 * (no patient data). An outage does not turn the component down: the loops work, and
	 * wait for the provider.
	 */
	private Map<String, Map<String, String>> channels() {
		Map<String, Map<String, String>> channels = new LinkedHashMap<>();
		this.channels.states().forEach((channel, state) -> {
			Map<String, String> detail = new LinkedHashMap<>();
			detail.put("state", state.up() ? "UP" : "UNAVAILABLE");
			if (state.since() != null) {
				detail.put("since", state.since().toString());
			}
			if (state.detail() != null) {
				detail.put("detail", state.detail());
			}
			channels.put(channel, detail);
		});
		return channels;
	}

}
