package org.ketaclinic.screening;

import org.ketaclinic.screening.assessment.ScreeningProperties;
import org.ketaclinic.screening.criteria.SuitabilityCriteria;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The criteria with this clinic's thresholds, and the scheduled housekeeping. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScreeningProperties.class)
@EnableScheduling
class ScreeningConfiguration {

	@Bean
	SuitabilityCriteria suitabilityCriteria(ScreeningProperties properties) {
		return new SuitabilityCriteria(properties.criteria());
	}

}
