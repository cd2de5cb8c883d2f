package org.ketaclinic.platform.inbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Retry and dead-letter settings of event consumers (see
 * {@link OutageAwareErrorHandler}).
 *
 * @param initialBackoff wait before the first retry of a failed event
 * @param backoffMultiplier growth of the wait between retries
 * @param maxBackoff longest wait between two retries of an event that fails on its own
 * @param maxRetries retries before an event that fails on its own goes to the dead-letter
 * topic
 * @param transientMaxBackoff longest wait between two retries of an event that fails
 * because the database or broker is unavailable; such an event is retried without limit
 * and never dead-lettered (100 ms to 10 minutes)
 */
@Validated
@ConfigurationProperties("ketaclinic.consumer")
public record ConsumerProperties(@NotNull Duration initialBackoff, @Min(1) Double backoffMultiplier,
		@NotNull Duration maxBackoff, @Min(0) Integer maxRetries,
		@NotNull @DurationMin(millis = 100) @DurationMax(minutes = 10) Duration transientMaxBackoff) {

	public ConsumerProperties {
		initialBackoff = (initialBackoff != null) ? initialBackoff : Duration.ofMillis(500);
		backoffMultiplier = (backoffMultiplier != null) ? backoffMultiplier : 2.0;
		maxBackoff = (maxBackoff != null) ? maxBackoff : Duration.ofSeconds(10);
		maxRetries = (maxRetries != null) ? maxRetries : 6;
		transientMaxBackoff = (transientMaxBackoff != null) ? transientMaxBackoff : Duration.ofSeconds(30);
	}

}
