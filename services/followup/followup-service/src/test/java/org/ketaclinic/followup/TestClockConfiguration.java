package org.ketaclinic.followup;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The clock follow-up tests set by hand. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfiguration {

	@Bean
	@Primary
	FollowupTestSupport.TestClock testClock() {
		return new FollowupTestSupport.TestClock();
	}

}
