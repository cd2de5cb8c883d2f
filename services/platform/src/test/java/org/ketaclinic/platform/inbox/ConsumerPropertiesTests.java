package org.ketaclinic.platform.inbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@Test
	void theTransientBackoffCapDefaultsToThirtySecondsAndCanBeSet() {
		this.contexts.run((context) -> assertThat(context.getBean(ConsumerProperties.class).transientMaxBackoff())
			.isEqualTo(Duration.ofSeconds(30)));
		this.contexts.withPropertyValues("ketaclinic.consumer.transient-max-backoff=2m")
			.run((context) -> assertThat(context.getBean(ConsumerProperties.class).transientMaxBackoff())
				.isEqualTo(Duration.ofMinutes(2)));
	}

	@Test
	void aCapOutsideOneHundredMillisecondsToTenMinutesIsRefusedAtStartNamingTheSetting() {
		for (String value : new String[] { "0s", "50ms", "11m" }) {
			this.contexts.withPropertyValues("ketaclinic.consumer.transient-max-backoff=" + value)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("transientMaxBackoff"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ConsumerProperties.class)
	static class Settings {

	}

}
