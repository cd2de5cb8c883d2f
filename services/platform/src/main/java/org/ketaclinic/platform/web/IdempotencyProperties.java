package org.ketaclinic.platform.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the records of {@code Idempotency-Key} commands are kept.
 *
 * @param retention a retry with the same key after this long is a new command (24h)
 * @param purgeInterval how often expired records are deleted (15m)
 * @param delegatedPaths path prefixes of commands that this service does not run itself
 * but hands, with the caller's key, to the service that does (interop's referrals go to
 * intake's command): their keys are recorded there, not here, so a retry is answered by
 * that service in full and no transaction is held open while it answers (none by default)
 */
@ConfigurationProperties("ketaclinic.idempotency")
public record IdempotencyProperties(Duration retention, Duration purgeInterval, List<String> delegatedPaths) {

	public IdempotencyProperties {
		delegatedPaths = (delegatedPaths != null) ? List.copyOf(delegatedPaths) : List.of();
		retention = (retention != null) ? retention : Duration.ofHours(24);
		purgeInterval = (purgeInterval != null) ? purgeInterval : Duration.ofMinutes(15);
		if (retention.compareTo(Duration.ofMinutes(10)) < 0 || retention.compareTo(Duration.ofDays(7)) > 0
				|| purgeInterval.isNegative() || purgeInterval.isZero()) {
			throw new IllegalArgumentException(
					"ketaclinic.idempotency: retention must be between 10m and 7d, purge-interval positive");
		}
	}

}
