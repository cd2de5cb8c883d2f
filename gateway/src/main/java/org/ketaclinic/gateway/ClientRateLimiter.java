package org.ketaclinic.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Per-client rate limits: a token bucket per signed-in user, per bearer token, or per
 * address for anonymous callers, so one runaway script cannot starve the front desk. Each
 * gateway instance keeps its own buckets; behind several instances the limit is per
 * instance.
 */
class ClientRateLimiter implements RateLimiter<ClientRateLimiter.Settings> {

	private final Settings settings;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	ClientRateLimiter(Settings settings) {
		this.settings = settings;
	}

	@Override
	public Mono<Response> isAllowed(String routeId, String id) {
		if (this.buckets.size() > 50_000) {
			long idle = System.nanoTime() - 600_000_000_000L;
			this.buckets.values().removeIf((bucket) -> bucket.touched < idle);
		}
		Bucket bucket = this.buckets.computeIfAbsent(id, (key) -> new Bucket(this.settings.burst()));
		boolean allowed = bucket.take(this.settings.burst(), this.settings.perSecond());
		return Mono.just(new Response(allowed, Map.of("X-RateLimit-Remaining", String.valueOf((long) bucket.tokens),
				"X-RateLimit-Burst-Capacity", String.valueOf(this.settings.burst()))));
	}

	@Override
	public Map<String, Settings> getConfig() {
		return Map.of();
	}

	@Override
	public Class<Settings> getConfigClass() {
		return Settings.class;
	}

	@Override
	public Settings newConfig() {
		return this.settings;
	}

	/**
	 * Who a request counts against: the signed-in user, its bearer token, or its address.
	 */
	static KeyResolver clientKey() {
		return (exchange) -> exchange.getPrincipal()
			.map((principal) -> "user:" + principal.getName())
			.switchIfEmpty(Mono.fromSupplier(() -> anonymousKey(exchange)));
	}

	private static String anonymousKey(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst("Authorization");
		if (authorization != null) {
			return "token:" + sha256(authorization).substring(0, 32);
		}
		var address = exchange.getRequest().getRemoteAddress();
		return "address:" + ((address != null) ? address.getAddress().getHostAddress() : "unknown");
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A token bucket. */
	private static final class Bucket {

		private double tokens;

		private long refilled = System.nanoTime();

		private volatile long touched = this.refilled;

		Bucket(int burst) {
			this.tokens = burst;
		}

		synchronized boolean take(int burst, double perSecond) {
			long now = System.nanoTime();
			this.tokens = Math.min(burst, this.tokens + (now - this.refilled) / 1e9 * perSecond);
			this.refilled = now;
			this.touched = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return true;
			}
			return false;
		}

	}

	/**
	 * The limits, under {@code ketaclinic.gateway.rate-limit}.
	 *
	 * @param perSecond requests a client may make per second, sustained (20)
	 * @param burst requests it may make at once (40)
	 */
	@ConfigurationProperties("ketaclinic.gateway.rate-limit")
	record Settings(Double perSecond, Integer burst) {

		Settings {
			perSecond = (perSecond != null) ? perSecond : 20.0;
			burst = (burst != null) ? burst : 40;
			if (perSecond <= 0 || burst < 1) {
				throw new IllegalArgumentException("ketaclinic.gateway.rate-limit needs positive values");
			}
		}

	}

}
