package org.ketaclinic.gateway;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A request body an anonymous caller may send is small: a patient's check-in answer, an
 * SMS webhook call, a sign-in callback. Above {@code ketaclinic.gateway.anonymous-max-
 * body-size} (1 MB) it gets 413 before anything else runs: at once from its
 * {@code Content-Length}, without reading the body; a chunked body is read only up to the
 * limit, and never forwarded. Anonymous means an anonymous endpoint, or a request that
 * carries neither a session cookie nor an {@code Authorization} header.
 */
class AnonymousBodyLimit implements WebFilter, Ordered {

	private final long limit;

	AnonymousBodyLimit(DataSize limit) {
		this.limit = limit.toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!isAnonymous(request)) {
			return chain.filter(exchange);
		}
		long length = request.getHeaders().getContentLength();
		if (length > this.limit) {
			return tooLarge(exchange);
		}
		boolean chunked = length < 0 && request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
		if (!chunked) {
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, this.limit))
			.map((body) -> (ServerHttpRequest) new ServerHttpRequestDecorator(request) {
				@Override
				public Flux<DataBuffer> getBody() {
					return Flux.just(body);
				}
			})
			.defaultIfEmpty(request)
			.flatMap((read) -> chain.filter(exchange.mutate().request(read).build()))
			.onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge(exchange));
	}

	static boolean isAnonymous(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		if (ClientRateLimiter.budgetOf(path) != ClientRateLimiter.Budget.DEFAULT) {
			return true;
		}
		return !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				&& !request.getCookies().containsKey("SESSION");
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		// the unread rest of the body is not worth keeping the connection for
		exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
		return GatewaySecurity.problem(exchange, HttpStatus.CONTENT_TOO_LARGE,
				"urn:ketaclinic:problem:payload-too-large",
				"An anonymous request's body may have at most " + this.limit + " bytes");
	}

	@Override
	public int getOrder() {
		// before Spring Security (-100): nothing reads a session for a body refused
		// anyway
		return -200;
	}

}
