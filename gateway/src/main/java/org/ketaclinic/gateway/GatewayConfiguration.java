package org.ketaclinic.gateway;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in, rate limits and the circuit breakers of the routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OidcRegistrations.Settings.class, ClientRateLimiter.Settings.class,
		GatewayConfiguration.Edge.class, GatewaySessions.Settings.class })
class GatewayConfiguration {

	/** Refuses a missing or local-only client secret outside the local profile. */
	@Bean
	static GatewaySecretsGuard gatewaySecretsGuard(Environment environment) {
		return new GatewaySecretsGuard(environment);
	}

	@Bean
	OidcRegistrations oidcRegistrations(OidcRegistrations.Settings settings) {
		return new OidcRegistrations(settings);
	}

	/**
	 * Named as Spring's own, which it replaces: {@code X-Forwarded-*} from trusted
	 * proxies only.
	 */
	@Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
	TrustedProxies forwardedHeaderTransformer(Edge edge) {
		return new TrustedProxies(edge.trustedProxies());
	}

	@Bean
	BodyLimit bodyLimit(Edge edge) {
		return new BodyLimit(edge.anonymousMaxBodySize(), edge.maxBodySize());
	}

	/**
	 * One circuit breaker per service route: it opens when half of the last 20 calls
	 * failed or timed out (10 s), answers with the fallback for 10 s, then lets a few
	 * calls test the service again. A service's administration ({@code <service>-admin}:
	 * dead letters read from Kafka, replays) has a breaker of its own, so its slow or
	 * failed calls never open the one patients' check-ins go through, and 30 s to answer.
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
			.timeLimiterConfig(TimeLimiterConfig.custom()
				.timeoutDuration(Duration.ofSeconds(id.endsWith("-admin") ? 30 : 10))
				.build())
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

	/**
	 * The gateway's edge, under {@code ketaclinic.gateway}.
	 *
	 * @param trustedProxies addresses or networks (CIDR) of the proxies in front of the
	 * gateway whose {@code X-Forwarded-*} headers count; none by default
	 * @param anonymousMaxBodySize the largest body an anonymous request may send (1MB)
	 * @param maxBodySize the largest body any other request may declare (10MB)
	 */
	@ConfigurationProperties("ketaclinic.gateway")
	record Edge(List<String> trustedProxies, DataSize anonymousMaxBodySize, DataSize maxBodySize) {

		Edge {
			trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
			anonymousMaxBodySize = (anonymousMaxBodySize != null) ? anonymousMaxBodySize : DataSize.ofMegabytes(1);
			maxBodySize = (maxBodySize != null) ? maxBodySize : DataSize.ofMegabytes(10);
		}

	}

}
