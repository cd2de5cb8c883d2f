package org.ketaclinic.gateway;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * Actuator beyond health and info (metrics for Prometheus) only on a management port of
 * the gateway's own ({@code MANAGEMENT_SERVER_PORT}, 9080 in Kubernetes: ADR 0014), which
 * the HTTPRoute never reaches and which only the kubelet and the monitoring namespace
 * reach (NetworkPolicy {@code management-from-monitoring}). There it answers without a
 * sign-in, as everything the gateway's security chain does not reserve. On the API port
 * (where actuator stays when no management port is set: the local stack, the tests, a
 * cluster that must not set one) {@code /actuator/prometheus} and every other actuator
 * path but health and info answer 404 problem+json: the public address never serves
 * metrics. The management port, in turn, serves actuator alone: the routes to the
 * services, the pages and sign-in answer 404 there (the management server shares the
 * application's handlers, and Spring Cloud Gateway leaves its routes off that port only
 * when it knows the port in advance).
 */
@Configuration(proxyBeanMethods = false)
class ManagementPort {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFilter actuatorOnlyOnTheManagementPort(Environment environment) {
		return (exchange, chain) -> {
			String path = exchange.getRequest().getPath().pathWithinApplication().value();
			boolean served = onManagementPort(environment, exchange) ? isActuator(path)
					: (!isActuator(path) || isPublic(path));
			if (served) {
				return chain.filter(exchange);
			}
			return GatewaySecurity.problem(exchange, HttpStatus.NOT_FOUND, "urn:ketaclinic:problem:not-found",
					"Not served on this port");
		};
	}

	private static boolean isActuator(String path) {
		return path.equals("/actuator") || path.startsWith("/actuator/");
	}

	/** The probes' and the landing page's: open on either port. */
	private static boolean isPublic(String path) {
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/actuator/info");
	}

	/**
	 * Whether the request arrived on the management server's own port:
	 * {@code local.management.port} is set once that server has started; without a port
	 * of its own it is the API's port, and matches nothing here.
	 */
	static boolean onManagementPort(Environment environment, ServerWebExchange exchange) {
		Integer management = environment.getProperty("local.management.port", Integer.class);
		Integer api = environment.getProperty("local.server.port", Integer.class);
		InetSocketAddress local = exchange.getRequest().getLocalAddress();
		return management != null && management > 0 && !management.equals(api) && local != null
				&& local.getPort() == management;
	}

}
