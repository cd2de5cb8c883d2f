package org.ketaclinic.gateway;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
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
 * {@code Content-Length}; a chunked body is kept only up to the limit, and never
 * forwarded beyond it. Anonymous means an anonymous endpoint, or a request that carries
 * neither a session cookie nor an {@code Authorization} header.
 * <p>
 * How the connection ends matters to the client: closing it while the client is still
 * sending makes the client's TCP stack discard the 413 it has not read yet (a reset), so
 * the client sees "connection reset" instead of the answer. A declared body of up to
 * {@value #DRAIN_FACTOR} times the limit is therefore read and thrown away on a
 * connection that stays open, and the client reads its 413; only larger or open-ended
 * (chunked) bodies get {@code Connection: close}. Clients that send
 * {@code Expect: 100-continue} get the 413 before they send anything.
 */
class BodyLimit implements WebFilter, Ordered {

	static final int DRAIN_FACTOR = 8;

	private final long limit;

	private final long signedInLimit;

	BodyLimit(DataSize limit, DataSize signedInLimit) {
		this.limit = limit.toBytes();
		this.signedInLimit = signedInLimit.toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long length = request.getHeaders().getContentLength();
		if (!isAnonymous(request)) {
			// a made-up Authorization header or session cookie makes a request look
			// signed in here (the services check the token): it still gets a ceiling
			if (length > this.signedInLimit) {
				return tooLarge(exchange, this.signedInLimit, length > DRAIN_FACTOR * this.signedInLimit);
			}
			return chain.filter(exchange);
		}
		if (length > this.limit) {
			return tooLarge(exchange, this.limit, length > DRAIN_FACTOR * this.limit);
		}
		boolean chunked = length < 0 && request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
		if (!chunked) {
			return chain.filter(exchange);
		}
		long drainCap = DRAIN_FACTOR * this.limit;
		ChunkedBody body = new ChunkedBody(this.limit);
		return request.getBody()
			.doOnNext(body::add)
			.takeWhile((buffer) -> body.total <= drainCap)
			.then(Mono.defer(() -> {
				if (body.total > this.limit) {
					return tooLarge(exchange, this.limit, body.total > drainCap);
				}
				ServerHttpRequest read = new ServerHttpRequestDecorator(request) {
					@Override
					public Flux<DataBuffer> getBody() {
						return body.kept.isEmpty() ? Flux.empty()
								: Flux.just(exchange.getResponse().bufferFactory().join(body.kept));
					}
				};
				return chain.filter(exchange.mutate().request(read).build());
			}))
			.doOnCancel(body::release)
			.doOnError((ex) -> body.release());
	}

	/**
	 * A chunked body as it arrives: kept while it is within the limit, counted and thrown
	 * away once it is not.
	 */
	private static final class ChunkedBody {

		private final long limit;

		private final List<DataBuffer> kept = new ArrayList<>();

		private long total;

		ChunkedBody(long limit) {
			this.limit = limit;
		}

		synchronized void add(DataBuffer buffer) {
			this.total += buffer.readableByteCount();
			if (this.total <= this.limit) {
				this.kept.add(buffer);
				return;
			}
			DataBufferUtils.release(buffer);
			release();
		}

		synchronized void release() {
			this.kept.forEach(DataBufferUtils::release);
			this.kept.clear();
		}

	}

	static boolean isAnonymous(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		if (ClientRateLimiter.budgetOf(path) != ClientRateLimiter.Budget.DEFAULT) {
			return true;
		}
		return !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
				&& !request.getCookies().containsKey("SESSION");
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange, long limit, boolean close) {
		if (close) {
			// the unread rest of the body is not worth keeping the connection for
			exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
		}
		return GatewaySecurity.problem(exchange, HttpStatus.CONTENT_TOO_LARGE,
				"urn:ketaclinic:problem:payload-too-large",
				(limit == this.limit) ? "An anonymous request's body may have at most " + limit + " bytes"
						: "A request's body may have at most " + limit + " bytes");
	}

	@Override
	public int getOrder() {
		// before Spring Security (-100): nothing reads a session for a body refused
		// anyway
		return -200;
	}

}
