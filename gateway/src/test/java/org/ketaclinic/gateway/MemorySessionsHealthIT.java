package org.ketaclinic.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway with its sessions in memory (the local stack) and no Redis anywhere: its
 * overall health is UP, because the Redis it never uses is not checked. Before, the local
 * stack's {@code /actuator/health} answered 503 with readiness UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "ketaclinic.gateway.session.store=memory")
class MemorySessionsHealthIT {

	/** Nothing listens here: a Redis check would fail. */
	private static final int NO_REDIS = TestRedis.freePort();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", () -> NO_REDIS);
	}

	@Test
	void healthIsUpWithoutARedisServer() throws Exception {
		HttpResponse<String> health = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("redis");
	}

	@Test
	void onlyTheMemoryStoreSwitchesTheRedisCheckOffAndAnExplicitSettingWins() {
		assertThat(redisHealthAfter(new MockEnvironment())).as("Redis sessions, the default").isNull();
		assertThat(redisHealthAfter(new MockEnvironment().withProperty(GatewaySessions.STORE, "redis")))
			.as("Redis sessions")
			.isNull();
		assertThat(redisHealthAfter(new MockEnvironment().withProperty(GatewaySessions.STORE, "memory")))
			.isEqualTo("false");
		assertThat(redisHealthAfter(new MockEnvironment().withProperty(GatewaySessions.STORE, "MEMORY")))
			.isEqualTo("false");
		assertThat(redisHealthAfter(new MockEnvironment().withProperty(GatewaySessions.STORE, "memory")
			.withProperty(MemorySessionsCheckNoRedis.REDIS_HEALTH, "true"))).as("asked for explicitly")
			.isEqualTo("true");
	}

	private static String redisHealthAfter(MockEnvironment environment) {
		new MemorySessionsCheckNoRedis().postProcessEnvironment(environment, null);
		return environment.getProperty(MemorySessionsCheckNoRedis.REDIS_HEALTH);
	}

}
