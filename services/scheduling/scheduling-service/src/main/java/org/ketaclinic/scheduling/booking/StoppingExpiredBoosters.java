package org.ketaclinic.scheduling.booking;

import java.util.List;
import java.util.UUID;

import org.ketaclinic.scheduling.safety.SafetyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Stops the boosters whose approval has passed {@code maintenance-review-every-days}
 * ({@code REVIEW_EXPIRED}). Check-in and start refuse them in any case; the sweep cancels
 * their sessions, so reminders stop, and has the front desk call the patient.
 */
@Component
class StoppingExpiredBoosters {

	private static final Logger log = LoggerFactory.getLogger(StoppingExpiredBoosters.class);

	private final StoppingPlans stopping;

	private final SafetyProperties settings;

	StoppingExpiredBoosters(StoppingPlans stopping, SafetyProperties settings) {
		this.stopping = stopping;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${ketaclinic.scheduling.review-sweep:PT1H}",
			initialDelayString = "${ketaclinic.scheduling.review-sweep-initial-delay:PT10M}")
	void stopExpired() {
		List<UUID> stopped = this.stopping.reviewExpired(this.settings.maintenanceReviewEveryDays());
		if (!stopped.isEmpty()) {
			log.info("{} boosters stopped: their approval is past the maintenance review", stopped.size());
		}
	}

}
