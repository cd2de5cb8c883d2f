package org.ketaclinic.screening.review;

import java.time.Clock;
import java.time.Duration;

import org.ketaclinic.screening.assessment.Assessments;
import org.ketaclinic.screening.assessment.ScreeningProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Takes assessments past {@code screening.validityDays} out of the review queue. */
@Component
class ExpiringAssessments {

	private static final Logger log = LoggerFactory.getLogger(ExpiringAssessments.class);

	private final Assessments assessments;

	private final ScreeningProperties properties;

	private final Clock clock;

	ExpiringAssessments(Assessments assessments, ScreeningProperties properties, Clock clock) {
		this.assessments = assessments;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${ketaclinic.screening.expiry-sweep:PT10M}", initialDelayString = "PT1M")
	@Transactional
	void expire() {
		int expired = this.assessments
			.expireMadeBefore(this.clock.instant().minus(Duration.ofDays(this.properties.validityDays())));
		if (expired > 0) {
			log.info("{} assessments expired unreviewed", expired);
		}
	}

}
