package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The dispatch loops as the {@code dispatcher} health component: {@code DOWN} when the
 * last pass failed, or when no pass has completed within {@value #STALE_INTERVALS} poll
 * intervals (at least a minute), e.g. because a pass hangs; {@code UP} otherwise. Details
 * name the failure's class and times, never a message or patient data.
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

	private final Clock clock;

	@Autowired
	DispatcherHealthIndicator(DispatchSchedule schedule) {
		this(schedule, Clock.systemUTC());
	}

	DispatcherHealthIndicator(DispatchSchedule schedule, Clock clock) {
		this.schedule = schedule;
		this.clock = clock;
	}

	@Override
	public Health health() {
		DispatchSchedule.State state = this.schedule.state();
		if (!state.running() || state.startedAt() == null) {
			return Health.unknown().withDetail("loops", "not running").build();
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
			.withDetail("failedPasses", state.failedPasses());
		if (state.lastFailure() != null) {
			health.withDetail("lastFailure", state.lastFailure())
				.withDetail("lastFailureAt", state.lastFailureAt().toString());
		}
		return health.build();
	}

}
