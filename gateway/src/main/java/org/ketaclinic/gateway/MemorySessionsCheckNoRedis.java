package org.ketaclinic.gateway;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A gateway that keeps its sessions in memory
 * ({@code ketaclinic.gateway.session.store=memory}, the local stack) has no Redis, so
 * Boot's Redis health indicator would report the whole gateway DOWN (503 on
 * {@code /actuator/health}) for a server it never uses. Here the indicator is switched
 * off, as a default only: an explicit {@code management.health.redis.enabled} still wins.
 * With Redis sessions (the default) nothing changes.
 */
class MemorySessionsCheckNoRedis implements EnvironmentPostProcessor, Ordered {

	static final String REDIS_HEALTH = "management.health.redis.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if ("memory".equalsIgnoreCase(environment.getProperty(GatewaySessions.STORE, "").trim())) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("ketaclinic-memory-sessions", Map.of(REDIS_HEALTH, "false")));
		}
	}

	@Override
	public int getOrder() {
		// after application.yml and the profiles' files are read
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
