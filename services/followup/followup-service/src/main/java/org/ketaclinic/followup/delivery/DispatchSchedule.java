package org.ketaclinic.followup.delivery;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher every {@code ketaclinic.followup.delivery.poll-interval}; off with
 * {@code ketaclinic.followup.dispatcher.enabled=false} (tests drive it by hand).
 */
@Component
@ConditionalOnProperty(name = "ketaclinic.followup.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
class DispatchSchedule {

	private final Dispatcher dispatcher;

	DispatchSchedule(Dispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Scheduled(fixedDelayString = "${ketaclinic.followup.delivery.poll-interval:PT1S}",
			initialDelayString = "${ketaclinic.followup.delivery.poll-interval:PT1S}")
	void dispatch() {
		this.dispatcher.dispatchDue();
	}

}
