package org.ketaclinic.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as Kubernetes runs it (issue 19, ADR 0014): actuator on a management port
 * of its own, where Prometheus scrapes {@code /actuator/prometheus} without signing in
 * and sees the gateway's requests, while the API's port serves no metrics; and without
 * such a port (the local stack) the API's port still refuses them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayMetricsIT {

	/** A fixed port, as Kubernetes sets it (MANAGEMENT_SERVER_PORT=9080). */
	private static final int MANAGEMENT_PORT = TestRedis.freePort();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", TestRedis::port);
		registry.add("management.server.port", () -> MANAGEMENT_PORT);
	}

	@Test
	void prometheusScrapesTheManagementPortWithoutSigningInAndSeesTheGatewaysRequests() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(get(this.port, "/").statusCode()).as("the landing page").isEqualTo(200);
		assertThat(get(this.port, "/me").statusCode()).as("who am I, not signed in").isEqualTo(401);

		HttpResponse<String> scrape = get(this.managementPort, "/actuator/prometheus");
		assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(scrape.body()).as("the API port's requests, by status")
			.containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*\\} [1-9]")
			.containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*\\} [1-9]")
			.contains("jvm_memory_used_bytes");
		// what KetaclinicServiceDown/Absent and the gateway's 5xx rate rely on
		// (infra/k8s/base/monitoring); kept for whoever updates tests/exposed-metrics.txt
		Path captured = Path.of("target", "gateway-actuator-prometheus.txt");
		Files.createDirectories(captured.getParent());
		Files.writeString(captured, scrape.body());

		HttpResponse<String> readiness = get(this.managementPort, "/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void theApiPortServesNoMetricsAndTheManagementPortNoRoutes() throws Exception {
		HttpResponse<String> metrics = get(this.port, "/actuator/prometheus");
		assertThat(metrics.statusCode()).as("no metrics at the public address").isEqualTo(404);
		assertThat(metrics.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(metrics.body()).doesNotContain("http_server_requests");
		assertThat(get(this.port, "/actuator/health/readiness").statusCode()).as("probes on the management port only")
			.isEqualTo(404);
		for (String path : new String[] { "/api/intake/submissions", "/checkin/a1b2c3", "/", "/ui/frontdesk.html",
				"/oauth2/authorization/ketaclinic" }) {
			assertThat(get(this.managementPort, path).statusCode())
				.as(path + ": the management port routes nothing to the services and serves no page")
				.isEqualTo(404);
		}
	}

	/**
	 * The local stack and a cluster without {@code MANAGEMENT_SERVER_PORT}: actuator on
	 * the API's port, where the probes and info answer and metrics do not.
	 */
	@Test
	void withoutAManagementPortOfItsOwnTheApiPortAnswersTheProbesButNotMetrics() {
		MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", "8080")
			.withProperty("local.management.port", "8080");
		WebFilter filter = new ManagementPort().actuatorOnlyOnTheManagementPort(environment);
		for (String path : new String[] { "/actuator/prometheus", "/actuator/metrics", "/actuator", "/actuator/env" }) {
			MockServerWebExchange exchange = exchange(path, 8080);
			assertThat(passes(filter, exchange)).as(path).isFalse();
			assertThat(exchange.getResponse().getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(exchange.getResponse().getHeaders().getContentType()).as(path)
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		for (String path : new String[] { "/actuator/health/readiness", "/actuator/health", "/actuator/info",
				"/api/intake/submissions", "/" }) {
			assertThat(passes(filter, exchange(path, 8080))).as(path).isTrue();
		}
		MockEnvironment separate = new MockEnvironment().withProperty("local.server.port", "8080")
			.withProperty("local.management.port", "9080");
		WebFilter kubernetes = new ManagementPort().actuatorOnlyOnTheManagementPort(separate);
		assertThat(passes(kubernetes, exchange("/actuator/prometheus", 9080))).as("the management port").isTrue();
		assertThat(passes(kubernetes, exchange("/actuator/prometheus", 8080))).as("the API port").isFalse();
		assertThat(passes(kubernetes, exchange("/api/intake/submissions", 9080))).as("no routes on the management port")
			.isFalse();
		assertThat(passes(kubernetes, exchange("/api/intake/submissions", 8080))).as("routes on the API port").isTrue();
	}

	private static MockServerWebExchange exchange(String path, int localPort) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("http://localhost:" + localPort + path)
			.localAddress(new InetSocketAddress("localhost", localPort)));
	}

	private static boolean passes(WebFilter filter, MockServerWebExchange exchange) {
		AtomicBoolean passed = new AtomicBoolean();
		filter.filter(exchange, (next) -> {
			passed.set(true);
			return Mono.empty();
		}).block(Duration.ofSeconds(5));
		return passed.get();
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(15))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
