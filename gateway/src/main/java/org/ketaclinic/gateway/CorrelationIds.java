package org.ketaclinic.gateway;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every request through the gateway carries an {@code X-Correlation-Id}: the caller's, if
 * it is a sensible one, else a new one. The services put it on their events and audit
 * entries; the response carries it back so a user can quote it.
 * <p>
 * The gateway also starts the W3C trace: a request without a valid {@code traceparent}
 * gets a new one (random trace and span ids, sampled), so one trace id follows the
 * request from here through the service, Kafka and the services after it. The response
 * names the trace id in {@code X-Trace-Id}.
 */
@Component
class CorrelationIds implements GlobalFilter, Ordered {

	static final String HEADER = "X-Correlation-Id";

	static final String TRACEPARENT = "traceparent";

	static final String TRACE_ID = "X-Trace-Id";

	private static final Pattern SENSIBLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	private static final Pattern VALID_TRACEPARENT = Pattern
		.compile("00-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String given = exchange.getRequest().getHeaders().getFirst(HEADER);
		String id = (given != null && SENSIBLE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		String givenTrace = exchange.getRequest().getHeaders().getFirst(TRACEPARENT);
		Matcher valid = (givenTrace != null) ? VALID_TRACEPARENT.matcher(givenTrace) : null;
		String traceparent = (valid != null && valid.matches()) ? givenTrace : newTraceparent();
		exchange.getResponse().getHeaders().set(HEADER, id);
		exchange.getResponse().getHeaders().set(TRACE_ID, traceparent.substring(3, 35));
		return chain.filter(exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.set(HEADER, id);
			headers.set(TRACEPARENT, traceparent);
		})).build());
	}

	private static String newTraceparent() {
		byte[] ids = new byte[24];
		RANDOM.nextBytes(ids);
		// an all-zero id is invalid; make the last byte of each id non-zero
		ids[15] |= 1;
		ids[23] |= 1;
		HexFormat hex = HexFormat.of();
		return "00-" + hex.formatHex(ids, 0, 16) + "-" + hex.formatHex(ids, 16, 24) + "-01";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
