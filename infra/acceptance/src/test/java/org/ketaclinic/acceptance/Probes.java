package org.ketaclinic.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.ketaclinic.acceptance.Api.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's health says while a fault is open, polled in parallel while the
 * supervisor waits to restart what was killed.
 */
final class Probes {

	private Probes() {
	}

	/**
	 * Waits until every service's readiness has reported the component DOWN.
	 * @return how long each took to say so
	 */
	static Map<String, Duration> readinessDown(Api api, String component) {
		Instant since = Instant.now();
		Map<String, CompletableFuture<Duration>> seen = new LinkedHashMap<>();
		Stack.SERVICES.forEach((name, port) -> seen.put(name, CompletableFuture.supplyAsync(() -> {
			while (Duration.between(since, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0) {
				Reply readiness = api.readiness(port);
				if (readiness.status() == 503
						&& "DOWN".equals(readiness.json().at("/components/" + component + "/status").asString(""))) {
					return Duration.between(since, Instant.now());
				}
				Api.pause(200);
			}
			return null;
		})));
		Map<String, Duration> down = new LinkedHashMap<>();
		seen.forEach((name, future) -> {
			Duration took = future.join();
			assertThat(took).as("%s's readiness reports %s DOWN", name, component).isNotNull();
			api.tally.effect();
			down.put(name, Duration.ofMillis(took.toMillis()));
		});
		return down;
	}

	/**
	 * Waits until every service's health reports Kafka DOWN while its readiness stays UP:
	 * a broker incident must not take the API out of its load balancer (issue 19).
	 * @return how long each took to say so
	 */
	static Map<String, Duration> kafkaDownWhileReady(Api api) {
		Instant since = Instant.now();
		Map<String, Duration> down = new LinkedHashMap<>();
		Stack.SERVICES.forEach((name, port) -> {
			Duration took = null;
			while (took == null && Duration.between(since, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0) {
				Reply health = api.health(port);
				if ("DOWN".equals(health.json().at("/components/kafka/status").asString(""))) {
					took = Duration.between(since, Instant.now());
				}
				else {
					Api.pause(200);
				}
			}
			assertThat(took).as("%s's health reports kafka DOWN", name).isNotNull();
			assertThat(api.readiness(port).status()).as("%s stays ready while Kafka is gone", name).isEqualTo(200);
			api.tally.effect();
			down.put(name, Duration.ofMillis(took.toMillis()));
		});
		return down;
	}

}
