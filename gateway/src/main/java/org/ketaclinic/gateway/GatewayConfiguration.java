package org.ketaclinic.gateway;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sign-in, rate limits and the circuit breakers of the routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OidcRegistrations.Settings.class, ClientRateLimiter.Settings.class })
class GatewayConfiguration {

	@Bean
	OidcRegistrations oidcRegistrations(OidcRegistrations.Settings settings) {
		return new OidcRegistrations(settings);
	}

	@Bean
	ClientRateLimiter clientRateLimiter(ClientRateLimiter.Settings settings) {
		return new ClientRateLimiter(settings);
	}

	@Bean
	KeyResolver clientKeyResolver() {
		return ClientRateLimiter.clientKey();
	}

	/**
	 * One circuit breaker per service route: it opens when half of the last 20 calls
	 * failed or timed out (10 s), answers with the fallback for 10 s, then lets a few
	 * calls test the service again.
	 */
	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers() {
		return (factory) -> factory.configureDefault((id) -> new Resilience4JConfigBuilder(id)
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.slidingWindowSize(20)
				.minimumNumberOfCalls(10)
				.failureRateThreshold(50)
				.waitDurationInOpenState(Duration.ofSeconds(10))
				.permittedNumberOfCallsInHalfOpenState(3)
				.build())
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(10)).build())
			.build());
	}

	/**
	 * The bulkhead each route's circuit breaker comes with: how many calls to one service
	 * may be in flight at once before the gateway sheds load with 503 at once.
	 * Resilience4j's default of 25 refused most of a burst of 200 bookings (found by the
	 * booking benchmark); 200 matches a service's request threads.
	 */
	@Bean
	Customizer<ReactiveResilience4jBulkheadProvider> bulkheads(
			@Value("${ketaclinic.gateway.max-concurrent-calls-per-service:200}") int maxConcurrentCalls) {
		return (provider) -> provider.configureDefault(
				(id) -> new Resilience4jBulkheadConfigurationBuilder()
					.bulkheadConfig(BulkheadConfig.custom()
						.maxConcurrentCalls(maxConcurrentCalls)
						.maxWaitDuration(Duration.ZERO)
						.build())
					.build());
	}

}
