package org.ketaclinic.acceptance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The retry budgets the long outages must outlast, as the stack under test is configured:
 * the services' defaults (named below with where they are set), or the environment
 * variables {@code infra/local/check} sets for both the stack and this suite. An outage
 * shorter than a budget would prove nothing about what happens when it runs out.
 */
final class RetryBudgets {

	private RetryBudgets() {
	}

	/**
	 * The longest an event that fails on its own is retried before it is dead-lettered
	 * ({@code ketaclinic.consumer.*}, ConsumerProperties: 6 retries from 500 ms,
	 * doubling, at most 10 s apart): an outage mistaken for a poison message would be
	 * dead-lettered after this.
	 */
	static Duration consumerRetries() {
		return consumerRetries(Integer.parseInt(env("KETACLINIC_CONSUMER_MAXRETRIES", "6")),
				duration(env("KETACLINIC_CONSUMER_INITIALBACKOFF", "500ms")),
				Double.parseDouble(env("KETACLINIC_CONSUMER_BACKOFFMULTIPLIER", "2")),
				duration(env("KETACLINIC_CONSUMER_MAXBACKOFF", "10s")));
	}

	/** The sum of the waits between the retries of a poison message. */
	static Duration consumerRetries(int retries, Duration initial, double multiplier, Duration max) {
		Duration next = initial;
		Duration total = Duration.ZERO;
		for (int retry = 0; retry < retries; retry++) {
			total = total.plus(min(next, max));
			next = Duration.ofMillis((long) (next.toMillis() * multiplier));
		}
		return total;
	}

	/**
	 * How long the outbox relay's producer keeps one send going before it fails it
	 * (OutboxRelay: delivery.timeout.ms 30 s).
	 */
	static Duration producerDelivery() {
		return Duration.ofSeconds(30);
	}

	/**
	 * How long a query waits on a database that does not answer (each service's
	 * application.yml: socketTimeout 45 s, above its statement_timeout of 30 s).
	 */
	static Duration databaseSocket() {
		return Duration.ofSeconds(45);
	}

	/**
	 * How long follow-up's dispatcher tried a message before it gave it up, had the
	 * providers' outage counted against it: on each of the two channels
	 * {@code attempts-per-channel} attempts, each waiting up to the provider's timeout
	 * (SMTP 10 s, SMS 5 s), with the doubling back-off between them.
	 */
	static Duration messageDelivery() {
		return messageDelivery(Integer.parseInt(env("KETACLINIC_FOLLOWUP_DELIVERY_ATTEMPTSPERCHANNEL", "4")),
				duration(env("KETACLINIC_FOLLOWUP_DELIVERY_BACKOFF", "30s")),
				duration(env("KETACLINIC_FOLLOWUP_DELIVERY_MAXBACKOFF", "30m")));
	}

	/**
	 * Both channels' attempts, each waiting up to 10 s for a provider that answers
	 * nothing, and the back-off between them.
	 */
	static Duration messageDelivery(int attempts, Duration backoff, Duration max) {
		Duration perChannel = Duration.ofSeconds(10).multipliedBy(attempts);
		for (int attempt = 1; attempt < attempts; attempt++) {
			perChannel = perChannel.plus(min(backoff.multipliedBy(1L << Math.min(attempt - 1, 20)), max));
		}
		return perChannel.multipliedBy(2);
	}

	/** Every budget an outage of the database tests, by name. */
	static Map<String, Duration> database() {
		Map<String, Duration> budgets = new LinkedHashMap<>();
		budgets.put("JDBC socket timeout", databaseSocket());
		budgets.put("consumer retries before dead-lettering", consumerRetries());
		return budgets;
	}

	/** Every budget an outage of Kafka tests, by name. */
	static Map<String, Duration> kafka() {
		Map<String, Duration> budgets = new LinkedHashMap<>();
		budgets.put("producer delivery timeout", producerDelivery());
		budgets.put("consumer retries before dead-lettering", consumerRetries());
		return budgets;
	}

	/** Every budget an outage of the mail server and SMS provider tests, by name. */
	static Map<String, Duration> providers() {
		return Map.of("message delivery attempts on both channels", messageDelivery());
	}

	/**
	 * How long an outage lasts: {@code 90s}, {@code 2m}, or ISO-8601 ({@code PT5M}); the
	 * issue's lengths unless the environment shortens them for CI.
	 */
	static Duration outage(String variable, String issueLength) {
		return duration(env(variable, issueLength));
	}

	static Duration duration(String text) {
		String value = text.trim().toLowerCase(java.util.Locale.ROOT);
		if (value.startsWith("pt")) {
			return Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
		}
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		long amount = Long.parseLong(value.substring(0, value.length() - 1));
		return switch (value.charAt(value.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> throw new IllegalArgumentException("not a duration: " + text);
		};
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? otherwise : value;
	}

}
