package org.ketaclinic.gatewaywebmvc;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.removeRequestHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.filter.TokenRelayFilterFunctions.tokenRelay;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

/**
 * The reactive gateway's routes that the benchmark sends requests through, with the
 * default filters that matter per request: the signed-in user's access token relayed
 * ({@code TokenRelay}), the session cookie kept at the gateway
 * ({@code RemoveRequestHeader=Cookie}), and the correlation id and W3C trace
 * ({@code CorrelationIds}). Not ported: circuit breakers, bulkheads, retries, the other
 * routes.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

	private static final String CORRELATION_ID = "X-Correlation-Id";

	private static final String TRACEPARENT = "traceparent";

	private static final Pattern SENSIBLE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	private static final Pattern VALID_TRACEPARENT = Pattern
		.compile("00-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

	private static final SecureRandom RANDOM = new SecureRandom();

	@Bean
	RouterFunction<ServerResponse> intakeRoute(@Value("${ketaclinic.intake-uri:http://localhost:8081}") String intake) {
		return proxied("intake", intake, "/api/intake/**");
	}

	@Bean
	RouterFunction<ServerResponse> followupRoute(
			@Value("${ketaclinic.followup-uri:http://localhost:8084}") String followup) {
		return proxied("followup", followup, "/api/followup/**", "/checkin/**");
	}

	private static RouterFunction<ServerResponse> proxied(String id, String target, String... paths) {
		return route(id)
			.route(RequestPredicates.path(paths[0]).or(RequestPredicates.path(paths[paths.length - 1])), http())
			.before(uri(target))
			.before(Routes::correlate)
			.before(removeRequestHeader("Cookie"))
			.filter(tokenRelay())
			.after((request, response) -> {
				request.attribute(CORRELATION_ID)
					.ifPresent((value) -> response.headers().set(CORRELATION_ID, (String) value));
				request.attribute(TRACEPARENT)
					.ifPresent((value) -> response.headers().set("X-Trace-Id", ((String) value).substring(3, 35)));
				return response;
			})
			.build();
	}

	/** As the reactive gateway's {@code CorrelationIds}. */
	private static ServerRequest correlate(ServerRequest request) {
		String given = request.headers().firstHeader(CORRELATION_ID);
		String id = (given != null && SENSIBLE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		String givenTrace = request.headers().firstHeader(TRACEPARENT);
		Matcher valid = (givenTrace != null) ? VALID_TRACEPARENT.matcher(givenTrace) : null;
		String traceparent = (valid != null && valid.matches()) ? givenTrace : newTraceparent();
		request.attributes().put(CORRELATION_ID, id);
		request.attributes().put(TRACEPARENT, traceparent);
		return ServerRequest.from(request).headers((headers) -> {
			headers.set(CORRELATION_ID, id);
			headers.set(TRACEPARENT, traceparent);
		}).build();
	}

	private static String newTraceparent() {
		byte[] ids = new byte[24];
		RANDOM.nextBytes(ids);
		ids[15] |= 1;
		ids[23] |= 1;
		HexFormat hex = HexFormat.of();
		return "00-" + hex.formatHex(ids, 0, 16) + "-" + hex.formatHex(ids, 16, 24) + "-01";
	}

}
