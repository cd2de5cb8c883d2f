package org.ketaclinic.gateway;

import java.util.UUID;
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
 */
@Component
class CorrelationIds implements GlobalFilter, Ordered {

	static final String HEADER = "X-Correlation-Id";

	private static final Pattern SENSIBLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String given = exchange.getRequest().getHeaders().getFirst(HEADER);
		String id = (given != null && SENSIBLE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		exchange.getResponse().getHeaders().set(HEADER, id);
		return chain.filter(
				exchange.mutate().request((request) -> request.headers((headers) -> headers.set(HEADER, id))).build());
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
