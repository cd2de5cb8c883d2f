package org.ketaclinic.platform.inbox;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Retry and dead-letter settings of event consumers.
 *
 * @param initialBackoff wait before the first retry of a failed event
 * @param backoffMultiplier growth of the wait between retries
 * @param maxBackoff longest wait between two retries
 * @param maxRetries retries before an event goes to the dead-letter topic
 */
@Validated
@ConfigurationProperties("ketaclinic.consumer")
public record ConsumerProperties(@NotNull Duration initialBackoff, @Min(1) Double backoffMultiplier,
		@NotNull Duration maxBackoff, @Min(0) Integer maxRetries) {

	public ConsumerProperties {
		initialBackoff = (initialBackoff != null) ? initialBackoff : Duration.ofMillis(500);
		backoffMultiplier = (backoffMultiplier != null) ? backoffMultiplier : 2.0;
		maxBackoff = (maxBackoff != null) ? maxBackoff : Duration.ofSeconds(10);
		maxRetries = (maxRetries != null) ? maxRetries : 6;
	}

}
