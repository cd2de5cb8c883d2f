package org.ketaclinic.gateway;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Per-client rate limits, so that one runaway script or one flood cannot starve the front
 * desk, the patients or the sign-in. A token bucket per client and budget:
 * <ul>
 * <li>who: the signed-in user (from the session the gateway itself authenticated), else
 * the client's address ({@link TrustedProxies}; an IPv6 client by its /64). Never an
 * {@code Authorization} header: the gateway does not verify bearer tokens (the services
 * do), so a random header per request would be a fresh budget per request; bearer clients
 * count by address.</li>
 * <li>which budget: the patients' check-in links and answers, the SMS provider's webhook
 * and the sign-in flow have their own, always by address (they are anonymous by nature);
 * everything else shares the default one.</li>
 * </ul>
 * The buckets live in a bounded cache (least recently used go first, idle ones after ten
 * minutes), so many addresses cost bounded memory. It runs inside the security chain once
 * the session's security context is known and before the sign-in filters, so it also
 * guards the sign-in and the static pages, not only the routes. Each gateway instance
 * keeps its own buckets: behind several instances the limit is per instance.
 */
class ClientRateLimiter implements WebFilter {

	private final Settings settings;

	private final Cache<String, Bucket> buckets;

	ClientRateLimiter(Settings settings) {
		this.settings = settings;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(settings.maxClients())
			.expireAfterAccess(Duration.ofMinutes(10))
			.build();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Budget budget = budgetOf(exchange.getRequest().getPath().pathWithinApplication().value());
		Mono<String> client = (budget == Budget.DEFAULT)
				? signedInUser().map((user) -> "user:" + user).switchIfEmpty(Mono.fromSupplier(() -> address(exchange)))
				: Mono.fromSupplier(() -> address(exchange));
		return client.flatMap((key) -> {
			Limit limit = this.settings.limit(budget);
			Bucket bucket = this.buckets.get(budget + " " + key, (ignored) -> new Bucket(limit.burst()));
			double wait = bucket.take(limit);
			if (wait <= 0) {
				return chain.filter(exchange);
			}
			long retryAfter = Math.max(1, (long) Math.ceil(wait));
			exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
			return GatewaySecurity.problem(exchange, HttpStatus.TOO_MANY_REQUESTS,
					"urn:ketaclinic:problem:too-many-requests",
					"Too many requests from this client; try again in " + retryAfter + " s");
		});
	}

	/** Which budget a path draws on. */
	static Budget budgetOf(String path) {
		if (path.startsWith("/checkin/") || path.equals("/checkin") || path.startsWith("/api/followup/check-ins/")) {
			return Budget.CHECK_IN;
		}
		if (path.equals("/api/followup/sms/inbound")) {
			return Budget.SMS_WEBHOOK;
		}
		if (path.startsWith("/oauth2/") || path.startsWith("/login/")) {
			return Budget.SIGN_IN;
		}
		return Budget.DEFAULT;
	}

	private static Mono<String> signedInUser() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter((authentication) -> authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken))
			.map(Authentication::getName);
	}

	private static String address(ServerWebExchange exchange) {
		InetSocketAddress address = exchange.getRequest().getRemoteAddress();
		return "address:" + ((address != null) ? clientOf(address.getAddress()) : "unknown");
	}

	/**
	 * Whom an address stands for: an IPv4 address itself, an IPv6 address its /64
	 * network. One subscriber gets a whole /64 from its provider, so counting each of its
	 * 2^64 addresses on its own would be no limit at all.
	 */
	static String clientOf(InetAddress address) {
		if (address == null) {
			return "unknown";
		}
		if (address instanceof Inet6Address && !address.isLoopbackAddress()) {
			byte[] network = Arrays.copyOf(address.getAddress(), 16);
			Arrays.fill(network, 8, 16, (byte) 0);
			try {
				return InetAddress.getByAddress(network).getHostAddress() + "/64";
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException("16 bytes are always an IPv6 address", ex);
			}
		}
		return address.getHostAddress();
	}

	/** The budgets a request can draw on. */
	enum Budget {

		DEFAULT, CHECK_IN, SMS_WEBHOOK, SIGN_IN

	}

	/** A token bucket. */
	static final class Bucket {

		private double tokens;

		private long refilled = System.nanoTime();

		Bucket(int burst) {
			this.tokens = burst;
		}

		/** Takes a token: 0 if there was one, else the seconds until there is. */
		synchronized double take(Limit limit) {
			long now = System.nanoTime();
			this.tokens = Math.min(limit.burst(), this.tokens + (now - this.refilled) / 1e9 * limit.perSecond());
			this.refilled = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return 0;
			}
			return (1 - this.tokens) / limit.perSecond();
		}

	}

	/**
	 * One budget: requests a second, sustained, and requests at once.
	 *
	 * @param perSecond requests a client may make per second, sustained
	 * @param burst requests it may make at once
	 */
	record Limit(Double perSecond, Integer burst) {

		Limit withDefaults(double defaultPerSecond, int defaultBurst) {
			Limit limit = new Limit((this.perSecond != null) ? this.perSecond : defaultPerSecond,
					(this.burst != null) ? this.burst : defaultBurst);
			if (limit.perSecond() <= 0 || limit.burst() < 1) {
				throw new IllegalArgumentException("ketaclinic.gateway.rate-limit needs positive values");
			}
			return limit;
		}

	}

	/**
	 * The limits, under {@code ketaclinic.gateway.rate-limit}.
	 *
	 * @param perSecond requests a client may make per second, sustained (20)
	 * @param burst requests it may make at once (40)
	 * @param maxClients how many clients' buckets are kept at most (100,000; the least
	 * recently seen go first)
	 * @param checkIn the budget of each address for the patients' check-in links and
	 * answers (5/s, burst 20)
	 * @param smsWebhook the budget of each address for the SMS provider's webhook (50/s,
	 * burst 100)
	 * @param signIn the budget of each address for starting and finishing a sign-in (1/s,
	 * burst 20): each start makes a session
	 */
	@ConfigurationProperties("ketaclinic.gateway.rate-limit")
	record Settings(Double perSecond, Integer burst, Integer maxClients, Limit checkIn, Limit smsWebhook,
			Limit signIn) {

		Settings {
			Limit main = new Limit(perSecond, burst).withDefaults(20.0, 40);
			perSecond = main.perSecond();
			burst = main.burst();
			maxClients = (maxClients != null) ? maxClients : 100_000;
			if (maxClients < 1) {
				throw new IllegalArgumentException("ketaclinic.gateway.rate-limit.max-clients must be positive");
			}
			checkIn = ((checkIn != null) ? checkIn : new Limit(null, null)).withDefaults(5.0, 20);
			smsWebhook = ((smsWebhook != null) ? smsWebhook : new Limit(null, null)).withDefaults(50.0, 100);
			signIn = ((signIn != null) ? signIn : new Limit(null, null)).withDefaults(1.0, 20);
		}

		Limit limit(Budget budget) {
			return switch (budget) {
				case DEFAULT -> new Limit(this.perSecond, this.burst);
				case CHECK_IN -> this.checkIn;
				case SMS_WEBHOOK -> this.smsWebhook;
				case SIGN_IN -> this.signIn;
			};
		}

	}

}
