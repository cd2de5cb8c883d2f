package org.ketaclinic.gateway;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;

/**
 * Where the signed-in staff's sessions (their tokens) live (ADR 0011). By default in
 * Redis, through Spring Session's reactive repository (Boot's auto-configuration,
 * {@code spring.data.redis.*}, {@code spring.session.*}): every gateway instance sees
 * every session, and a restart signs nobody out. With
 * {@code ketaclinic.gateway.session.store=memory} they stay in this instance, a bounded
 * map (least recently used go first), for a gateway run alone without Redis.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySessions {

	static final String STORE = "ketaclinic.gateway.session.store";

	/** How long a memory session lives unused: Spring Session's default, as in Redis. */
	private static final Duration IDLE = Duration.ofMinutes(30);

	/** In-memory sessions: only when asked for by name. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = STORE, havingValue = "memory")
	@EnableSpringWebSession
	static class InMemory {

		// a ReactiveSessionRepository of our own makes Boot's Redis sessions step aside
		@Bean
		ReactiveSessionRepository<MapSession> sessionRepository(Settings settings) {
			ReactiveMapSessionRepository repository = new ReactiveMapSessionRepository(Caffeine.newBuilder()
				.maximumSize(settings.memoryMaxSessions())
				.expireAfterAccess(IDLE).<String, org.springframework.session.Session>build()
				.asMap());
			repository.setDefaultMaxInactiveInterval(IDLE);
			return repository;
		}

	}

	/** The session store's kind. */
	enum Store {

		/** Redis, shared by all instances (the default). */
		REDIS,
		/** This instance's memory: sessions die with it. */
		MEMORY

	}

	/**
	 * The session store, under {@code ketaclinic.gateway.session}.
	 *
	 * @param store {@code redis} (the default: {@code spring.data.redis.*} says where) or
	 * {@code memory} (one instance, lost on restart)
	 * @param memoryMaxSessions how many sessions the memory store keeps at most (10,000;
	 * the least recently used go first)
	 */
	@ConfigurationProperties("ketaclinic.gateway.session")
	record Settings(Store store, Integer memoryMaxSessions) {

		Settings {
			store = (store != null) ? store : Store.REDIS;
			memoryMaxSessions = (memoryMaxSessions != null) ? memoryMaxSessions : 10_000;
		}

	}

}
