package org.ketaclinic.platform.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the records of {@code Idempotency-Key} commands are kept.
 *
 * @param retention a retry with the same key after this long is a new command (24h)
 * @param purgeInterval how often expired records are deleted (15m)
 */
@ConfigurationProperties("ketaclinic.idempotency")
public record IdempotencyProperties(Duration retention, Duration purgeInterval) {

	public IdempotencyProperties {
		retention = (retention != null) ? retention : Duration.ofHours(24);
		purgeInterval = (purgeInterval != null) ? purgeInterval : Duration.ofMinutes(15);
		if (retention.compareTo(Duration.ofMinutes(10)) < 0 || retention.compareTo(Duration.ofDays(7)) > 0
				|| purgeInterval.isNegative() || purgeInterval.isZero()) {
			throw new IllegalArgumentException(
					"ketaclinic.idempotency: retention must be between 10m and 7d, purge-interval positive");
		}
	}

}
