package org.ketaclinic.scheduling.booking;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks booked sessions missed when nobody checked the patient in within the grace
 * period.
 */
@Component
class MarkingMissedSessions {

	private static final Logger log = LoggerFactory.getLogger(MarkingMissedSessions.class);

	private final ManagingSessions sessions;

	private final Duration grace;

	MarkingMissedSessions(ManagingSessions sessions,
			@Value("${ketaclinic.scheduling.missed-grace:PT30M}") Duration grace) {
		this.sessions = sessions;
		this.grace = grace;
	}

	@Scheduled(fixedDelayString = "${ketaclinic.scheduling.missed-sweep:PT1M}", initialDelayString = "PT30S")
	void markMissed() {
		int missed = this.sessions.markOverdueMissed(this.grace);
		if (missed > 0) {
			log.info("{} sessions marked missed", missed);
		}
	}

}
