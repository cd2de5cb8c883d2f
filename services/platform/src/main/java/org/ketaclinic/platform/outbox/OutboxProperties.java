package org.ketaclinic.platform.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the outbox relay.
 *
 * @param relayEnabled whether this instance runs a relay (one of all instances publishes
 * at a time)
 * @param batchSize rows published per round
 * @param pollInterval how long the relay waits for a notification before it looks anyway
 * @param standbyRetry how often a standby relay tries to become the active one
 * @param retention how long published rows are kept for replay
 * @param cleanupInterval how often published rows past retention are deleted
 */
@Validated
@ConfigurationProperties("ketaclinic.outbox")
public record OutboxProperties(Boolean relayEnabled, @Min(1) @Max(10_000) Integer batchSize,
		@NotNull Duration pollInterval, @NotNull Duration standbyRetry, @NotNull Duration retention,
		@NotNull Duration cleanupInterval) {

	public OutboxProperties {
		relayEnabled = (relayEnabled != null) ? relayEnabled : Boolean.TRUE;
		batchSize = (batchSize != null) ? batchSize : 500;
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofSeconds(5);
		standbyRetry = (standbyRetry != null) ? standbyRetry : Duration.ofSeconds(2);
		retention = (retention != null) ? retention : Duration.ofDays(7);
		cleanupInterval = (cleanupInterval != null) ? cleanupInterval : Duration.ofHours(1);
	}

}
