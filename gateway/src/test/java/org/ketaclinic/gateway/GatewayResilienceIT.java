package org.ketaclinic.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's protection of callers and services, against a real HTTP server standing
 * in for the intake service (which fails on request) and a port where the screening
 * service does not answer: retries for idempotent methods only, a 503 problem instead of
 * a hang, correlation ids, and who must sign in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// every call here comes from one address: the rate limits are GatewayEdgeIT's
		// subject
		properties = { "ketaclinic.gateway.rate-limit.burst=100000",
				"ketaclinic.gateway.rate-limit.per-second=100000" })
class GatewayResilienceIT {

	private static final AtomicInteger failuresToGo = new AtomicInteger();

	private static final List<String> received = new ArrayList<>();

	private static final HttpServer intake = start();

	private static final int deadPort = freePort();

	@LocalServerPort
	int port;

	RestClient client;

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		registry.add("ketaclinic.intake-uri", () -> "http://localhost:" + intake.getAddress().getPort());
		registry.add("ketaclinic.screening-uri", () -> "http://localhost:" + deadPort);
		registry.add("spring.data.redis.port", TestRedis::port);
	}

	@AfterAll
	static void stop() {
		intake.stop(0);
	}

	@BeforeEach
	void reset() {
		this.client = RestClient.create("http://localhost:" + this.port);
		failuresToGo.set(0);
		synchronized (received) {
			received.clear();
		}
	}

	@Test
	void aFailedReadIsRetriedButAFailedCommandIsNot() {
		failuresToGo.set(1);
		Answer read = call(HttpMethod.GET, "/api/intake/patients/1", token());
		assertThat(read.status()).isEqualTo(200);
		assertThat(received).containsExactly("GET /api/intake/patients/1", "GET /api/intake/patients/1");

		reset();
		failuresToGo.set(1);
		Answer command = call(HttpMethod.POST, "/api/intake/submissions", token());
		assertThat(command.status()).isEqualTo(503);
		assertThat(received).containsExactly("POST /api/intake/submissions");
	}

	@Test
	void aBurstOfConcurrentCallsToOneServiceIsNotShedWhileTheServiceCopes() throws Exception {
		java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(80);
		try {
			List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 80; i++) {
				answers.add(callers.submit(() -> call(HttpMethod.GET, "/api/intake/slow", token()).status()));
			}
			List<Integer> statuses = new ArrayList<>();
			for (java.util.concurrent.Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
			assertThat(statuses).as("80 calls in flight at once, each taking 300 ms").containsOnly(200);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aServiceThatDoesNotAnswerGetsA503ProblemNamingIt() {
		Answer answer = call(HttpMethod.GET, "/api/screening/assessments", token());

		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.contentType()).isEqualTo("application/problem+json");
		assertThat(answer.body()).contains("\"service\":\"screening\"").contains("try again");
	}

	@Test
	void anAdministratorsCallToAServiceThatIsGoneOrDropsTheConnectionIsA503ProblemNamingIt() {
		Answer gone = call(HttpMethod.POST, "/admin/screening/dead-letters/t.DLT/0/1/replay", token());
		assertThat(gone.status()).isEqualTo(503);
		assertThat(gone.contentType()).isEqualTo("application/problem+json");
		assertThat(gone.body()).contains("\"service\":\"screening\"");

		// the service dies in the middle of the request: no answer at all
		Answer dropped = call(HttpMethod.POST, "/admin/intake/dead-letters/drop/0/1/replay", token());
		assertThat(dropped.status()).isEqualTo(503);
		assertThat(dropped.contentType()).isEqualTo("application/problem+json");
		assertThat(dropped.body()).contains("\"service\":\"intake\"");
		assertThat(received).containsExactly("POST /admin/dead-letters/drop/0/1/replay");
	}

	@Test
	void everyRequestCarriesACorrelationIdToTheServiceAndBack() {
		Answer fresh = call(HttpMethod.GET, "/api/intake/patients/3", token());
		assertThat(fresh.correlationId()).hasSizeGreaterThanOrEqualTo(32);
		assertThat(fresh.body()).contains("correlation " + fresh.correlationId());

		String mine = "support-ticket-4711";
		Answer given = this.client.get()
			.uri("/api/intake/patients/3")
			.header(HttpHeaders.AUTHORIZATION, token())
			.header("X-Correlation-Id", mine)
			.exchange((request, response) -> answer(response));
		assertThat(given.correlationId()).isEqualTo(mine);
		assertThat(given.body()).contains("correlation " + mine);
	}

	@Test
	void theGatewayStartsATraceOrKeepsTheCallersAndTheServiceSeesIt() {
		Answer fresh = call(HttpMethod.GET, "/api/intake/patients/4", token());
		assertThat(fresh.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
		assertThat(fresh.body()).containsPattern("traceparent 00-" + fresh.traceId() + "-[0-9a-f]{16}-01");
		Answer another = call(HttpMethod.GET, "/api/intake/patients/4", token());
		assertThat(another.traceId()).as("each request its own trace").isNotEqualTo(fresh.traceId());

		String callers = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		Answer given = this.client.get()
			.uri("/api/intake/patients/4")
			.header(HttpHeaders.AUTHORIZATION, token())
			.header("traceparent", callers)
			.exchange((request, response) -> answer(response));
		assertThat(given.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(given.body()).contains("traceparent " + callers);

		Answer invalid = this.client.get()
			.uri("/api/intake/patients/4")
			.header(HttpHeaders.AUTHORIZATION, token())
			.header("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")
			.exchange((request, response) -> answer(response));
		assertThat(invalid.traceId()).as("an invalid trace is replaced")
			.matches("[0-9a-f]{32}")
			.isNotEqualTo("0".repeat(32));
	}

	@Test
	void staffPagesNeedASignInWhileApiCallsAndCheckInLinksPassToTheServices() {
		Answer page = call(HttpMethod.GET, "/ui/", null);
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.location()).endsWith("/oauth2/authorization/ketaclinic");
		Answer me = call(HttpMethod.GET, "/me", null);
		assertThat(me.status()).isEqualTo(401);
		assertThat(me.contentType()).isEqualTo("application/problem+json");

		Answer anonymousCommand = call(HttpMethod.POST, "/api/intake/submissions", null);
		assertThat(anonymousCommand.status()).as("no session, no CSRF check: the service decides").isEqualTo(200);
		Answer sessionCommand = this.client.post()
			.uri("/api/intake/submissions")
			.header(HttpHeaders.COOKIE, "SESSION=stolen-or-forged")
			.exchange((request, response) -> answer(response));
		assertThat(sessionCommand.status()).as("a cookie-borne command needs the CSRF token").isEqualTo(403);
		assertThat(sessionCommand.contentType()).isEqualTo("application/problem+json");
		assertThat(sessionCommand.body()).contains("X-XSRF-TOKEN");
		assertThat(received).doesNotContain("POST /api/intake/submissions cookie");
	}

	private Answer call(HttpMethod method, String path, String authorization) {
		return this.client.method(method).uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).exchange((request, response) -> answer(response));
	}

	private static Answer answer(org.springframework.http.client.ClientHttpResponse response) throws IOException {
		return new Answer(response.getStatusCode().value(),
				new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8),
				String.valueOf(response.getHeaders().getContentType()),
				response.getHeaders().getFirst("X-Correlation-Id"), response.getHeaders().getFirst("Location"),
				response.getHeaders().getFirst("X-Trace-Id"));
	}

	private static String token() {
		return "Bearer " + UUID.randomUUID();
	}

	record Answer(int status, String body, String contentType, String correlationId, String location, String traceId) {
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", (exchange) -> {
				synchronized (received) {
					received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
							+ (exchange.getRequestHeaders().containsKey("Cookie") ? " cookie" : ""));
				}
				exchange.getRequestBody().readAllBytes();
				if (exchange.getRequestURI().getPath().contains("/drop/")) {
					// as a process killed mid-request: the connection closes without an
					// answer
					exchange.close();
					return;
				}
				if (exchange.getRequestURI().getPath().endsWith("/slow")) {
					try {
						Thread.sleep(300);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				boolean fail = failuresToGo.getAndUpdate((n) -> Math.max(0, n - 1)) > 0;
				byte[] answer = ("intake answered, correlation "
						+ exchange.getRequestHeaders().getFirst("X-Correlation-Id") + ", traceparent "
						+ exchange.getRequestHeaders().getFirst("traceparent"))
					.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(100));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
