package org.ketaclinic.interop;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The interop service's settings ({@code ketaclinic.interop.*}).
 *
 * @param intakeUri where intake's API answers: a referral posted as a FHIR
 * {@code QuestionnaireResponse} becomes an intake submission through intake's own command
 * (ADR 18); {@code http://localhost:8081} by default
 * @param intakeTimeout how long a referral waits for intake's answer (7 s by default,
 * within the gateway's 10 s; connecting takes at most 2 s of it): longer, and the
 * referrer is told to try again (their retry is safe, the command is idempotent)
 */
@ConfigurationProperties("ketaclinic.interop")
public record InteropProperties(URI intakeUri, Duration intakeTimeout) {

	public InteropProperties {
		intakeUri = (intakeUri != null) ? intakeUri : URI.create("http://localhost:8081");
		intakeTimeout = (intakeTimeout != null) ? intakeTimeout : Duration.ofSeconds(7);
		if (intakeTimeout.isNegative() || intakeTimeout.isZero()) {
			throw new IllegalArgumentException("ketaclinic.interop.intake-timeout must be positive");
		}
	}

}
