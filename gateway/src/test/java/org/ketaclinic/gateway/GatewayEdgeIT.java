package org.ketaclinic.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's edge against floods (issue 18): per-client rate limits that a made-up
 * header does not escape, anonymous requests that create no session, a sign-in that still
 * works after 20,000 of them, and small bodies for anonymous callers. The gateway trusts
 * the test as its proxy, so {@code X-Forwarded-For} stands for different clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ketaclinic.gateway.trusted-proxies=127.0.0.1,::1", "ketaclinic.gateway.rate-limit.burst=5",
				"ketaclinic.gateway.rate-limit.per-second=0.5", "ketaclinic.gateway.rate-limit.max-clients=1000",
				"ketaclinic.gateway.rate-limit.check-in.burst=3",
				"ketaclinic.gateway.rate-limit.check-in.per-second=0.5",
				"ketaclinic.gateway.rate-limit.sms-webhook.burst=4",
				"ketaclinic.gateway.rate-limit.sms-webhook.per-second=0.5" })
class GatewayEdgeIT {

	/** No request waits for ever: a gateway that does not answer fails the test. */
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final TestIdentityProvider provider = new TestIdentityProvider();

	private static final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

	private static final List<String> bodiesReceived = new CopyOnWriteArrayList<>();

	private static final HttpServer service = start();

	private static final AtomicInteger addresses = new AtomicInteger();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(TIMEOUT)
		.build();

	@LocalServerPort
	int port;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", TestRedis::port);
		registry.add("ketaclinic.gateway.oidc.issuer-uri", provider::issuer);
		String stand_in = "http://localhost:" + service.getAddress().getPort();
		registry.add("ketaclinic.intake-uri", () -> stand_in);
		registry.add("ketaclinic.followup-uri", () -> stand_in);
	}

	@AfterAll
	static void stop() {
		service.stop(0);
		provider.close();
	}

	@Test
	void eachClientAddressHasItsOwnBudgetAndA429SaysWhenToComeBack() {
		String busy = newAddress();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			statuses.add(get("/api/intake/patients/2", busy, null).statusCode());
		}
		assertThat(statuses.subList(0, 5)).containsOnly(200);
		assertThat(statuses.subList(5, 8)).containsOnly(429);

		HttpResponse<String> refused = get("/api/intake/patients/2", busy, null);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
		assertThat(refused.body()).contains("\"status\":429");
		assertThat(get("/api/intake/patients/2", newAddress(), null).statusCode())
			.as("another client is not slowed down")
			.isEqualTo(200);
	}

	@Test
	void randomBearerTokensFromOneAddressAreThrottledBeforeTheyReachAService() {
		String script = newAddress();
		int before = count("GET /api/intake/patients/random");
		int throttled = 0;
		for (int i = 0; i < 300; i++) {
			if (get("/api/intake/patients/random", script, "Bearer " + UUID.randomUUID()).statusCode() == 429) {
				throttled++;
			}
		}
		int forwarded = count("GET /api/intake/patients/random") - before;
		assertThat(throttled).as("a new token per request is no new budget").isGreaterThanOrEqualTo(290);
		assertThat(forwarded).as("only the burst (5) and its refill reach the service").isLessThanOrEqualTo(10);
	}

	@Test
	void theLeftMostForwardedForIsTheClientsOwnWritingAndNoBudgetOfItsOwn() {
		String client = newAddress();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			// a made-up first hop each time, appended to by our (trusted) proxy
			statuses.add(get("/api/intake/patients/5", "198.51.100." + i + ", " + client, null).statusCode());
		}
		assertThat(statuses.subList(5, 8)).containsOnly(429);
	}

	@Test
	void checkInLinksAndTheSmsWebhookHaveTheirOwnBudgets() {
		String patient = newAddress();
		List<Integer> checkIns = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			checkIns.add(get("/checkin/token-" + i, patient, null).statusCode());
		}
		assertThat(checkIns).containsExactly(200, 200, 200, 429);
		assertThat(get("/api/intake/patients/3", patient, null).statusCode())
			.as("the same address's default budget is untouched")
			.isEqualTo(200);

		String provider = newAddress();
		List<Integer> webhooks = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			webhooks.add(post("/api/followup/sms/inbound", provider, "From=%2B15550100&Body=YES".getBytes(), false)
				.statusCode());
		}
		assertThat(webhooks).containsExactly(200, 200, 200, 200, 429);
	}

	@Test
	void aTwoMegabyteBodyToAnAnonymousEndpointGets413AndNeverReachesTheService() {
		byte[] twoMegabytes = new byte[2 * 1024 * 1024];
		java.util.Arrays.fill(twoMegabytes, (byte) 'a');
		for (boolean chunked : List.of(false, true)) {
			HttpResponse<String> answer = post("/api/followup/check-ins/some-token", newAddress(), twoMegabytes,
					chunked);
			assertThat(answer.statusCode()).as(chunked ? "chunked" : "with a length").isEqualTo(413);
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(answer.body()).contains("\"status\":413");
		}
		assertThat(count("POST /api/followup/check-ins/some-token")).isZero();

		HttpResponse<String> small = post("/api/followup/check-ins/some-token", newAddress(),
				"{\"answers\": {}}".getBytes(), true);
		assertThat(small.statusCode()).isEqualTo(200);
		assertThat(bodiesReceived).contains("{\"answers\": {}}");
	}

	@Test
	void aMadeUpAuthorizationHeaderDoesNotLiftEveryLimit() {
		byte[] elevenMegabytes = new byte[11 * 1024 * 1024];
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(gateway() + "/api/intake/submissions"))
			.timeout(TIMEOUT)
			.header("X-Forwarded-For", newAddress())
			.header("Authorization", "Bearer made-up")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(elevenMegabytes))
			.build());
		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.body()).contains("at most 10485760 bytes");
		assertThat(count("POST /api/intake/submissions")).isZero();
	}

	@Test
	void twentyThousandAnonymousRequestsCreateNoSessionAndSignInStillWorks() throws Exception {
		long sessionsBefore = sessionKeys();
		List<String> paths = List.of("/checkin/abc", "/ui/frontdesk.html", "/ui/", "/api/intake/submissions", "/me",
				"/api/followup/alerts");
		AtomicInteger withSessionCookie = new AtomicInteger();
		AtomicInteger throttled = new AtomicInteger();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int worker = 0; worker < 8; worker++) {
				done.add(callers.submit(() -> {
					for (int i = 0; i < 2_500; i++) {
						// each from an address of its own: past the rate limit, into the
						// session machinery
						HttpResponse<String> answer = get(paths.get(i % paths.size()), newAddress(), null);
						if (TestIdentityProvider.Browser.cookie(answer, "SESSION") != null) {
							withSessionCookie.incrementAndGet();
						}
						if (answer.statusCode() == 429) {
							throttled.incrementAndGet();
						}
					}
				}));
			}
			for (Future<?> worker : done) {
				worker.get();
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(throttled.get()).as("the flood came from 20,000 addresses, each within its budget").isZero();
		assertThat(withSessionCookie.get()).as("responses that set a session cookie").isZero();
		assertThat(sessionKeys()).as("sessions in Redis").isEqualTo(sessionsBefore);

		TestIdentityProvider.Browser browser = new TestIdentityProvider.Browser();
		String staff = newAddress();
		String session = browser.signIn(gateway(), staff);
		HttpResponse<String> me = browser.send(gateway() + "/me", session, staff);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(TestIdentityProvider.USER).contains("FRONT_DESK");
		assertThat(sessionKeys()).as("the one sign-in has a session").isGreaterThan(sessionsBefore);
	}

	@Test
	void aSignedInUserCountsAsThemselvesNotAsTheirAddress() {
		TestIdentityProvider.Browser browser = new TestIdentityProvider.Browser();
		String clinic = newAddress();
		String session = browser.signIn(gateway(), clinic);
		for (int i = 0; i < 6; i++) {
			get("/api/intake/patients/9", clinic, null);
		}
		assertThat(get("/api/intake/patients/9", clinic, null).statusCode()).as("the address's budget is spent")
			.isEqualTo(429);
		assertThat(browser.send(gateway() + "/me", session, clinic).statusCode())
			.as("a colleague behind the same address is not")
			.isEqualTo(200);
	}

	/**
	 * A client that sends its next request while the gateway is still finishing the
	 * previous one (a browser reusing its connection at once, or pipelining) gets both
	 * answered, and the connection keeps working. Reactor Netty 1.3.6 stopped reading
	 * such a connection when the queued request was answered at once by the gateway
	 * itself (a 404, a 401, a 429): the next request on it was never read, and a staff
	 * member's submit hung (reactor/reactor-netty#4361).
	 */
	@Test
	void aRequestQueuedBehindASlowOneAndAnsweredAtOnceLeavesTheConnectionWorking() throws IOException {
		for (String quick : List.of("GET /actuator/prometheus", "GET /me", "GET /api/intake/missing")) {
			try (Socket socket = new Socket("localhost", this.port)) {
				socket.setSoTimeout(10_000);
				String client = newAddress();
				String end = " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + client + "\r\n\r\n";
				OutputStream out = socket.getOutputStream();
				InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
				out.write(("GET /api/intake/slow" + end + quick + end).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(RawHttp.status(in)).as("the slow one, routed").isEqualTo(200);
				assertThat(RawHttp.status(in)).as(quick).isIn(401, 404);
				out.write(("GET /api/intake/patients/4" + end).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				try {
					assertThat(RawHttp.status(in)).as("the next request after " + quick).isEqualTo(200);
				}
				catch (SocketTimeoutException ex) {
					throw new AssertionError("no answer on the connection after " + quick, ex);
				}
			}
		}
	}

	private long sessionKeys() {
		Long keys = this.redis.scan(ScanOptions.scanOptions().match("ketaclinic:gateway:session:*").count(1000).build())
			.count()
			.block();
		return (keys != null) ? keys : 0;
	}

	private static String newAddress() {
		int n = addresses.incrementAndGet();
		return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
	}

	private String gateway() {
		return "http://localhost:" + this.port;
	}

	private HttpResponse<String> get(String path, String forwardedFor, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway() + path))
			.timeout(TIMEOUT)
			.header("X-Forwarded-For", forwardedFor);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.GET().build());
	}

	private HttpResponse<String> post(String path, String forwardedFor, byte[] body, boolean chunked) {
		HttpRequest.BodyPublisher publisher = chunked
				? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
				: HttpRequest.BodyPublishers.ofByteArray(body);
		return send(HttpRequest.newBuilder(URI.create(gateway() + path))
			.header("X-Forwarded-For", forwardedFor)
			.header("Content-Type", "application/json")
			.timeout(TIMEOUT)
			.POST(publisher)
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			// the gateway runs in this JVM: what its threads were doing is the diagnosis
			StringBuilder dump = new StringBuilder("no answer to " + request.method() + " " + request.uri() + "\n");
			for (java.lang.management.ThreadInfo thread : java.lang.management.ManagementFactory.getThreadMXBean()
				.dumpAllThreads(true, true)) {
				dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
				if (thread.getLockName() != null) {
					dump.append(" on ")
						.append(thread.getLockName())
						.append(" owned by ")
						.append(thread.getLockOwnerName());
				}
				dump.append('\n');
				for (StackTraceElement frame : thread.getStackTrace()) {
					dump.append("\tat ").append(frame).append('\n');
				}
			}
			System.err.println(dump);
			throw new UncheckedIOException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int count(String request) {
		return received.computeIfAbsent(request, (key) -> new AtomicInteger()).get();
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", (exchange) -> {
				received
					.computeIfAbsent(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
							(key) -> new AtomicInteger())
					.incrementAndGet();
				try (InputStream body = exchange.getRequestBody()) {
					byte[] bytes = body.readAllBytes();
					if (bytes.length > 0) {
						bodiesReceived.add(new String(bytes, StandardCharsets.UTF_8));
					}
				}
				if (exchange.getRequestURI().getPath().endsWith("/slow")) {
					// still answering when the client's next request arrives
					try {
						Thread.sleep(100);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				if (exchange.getRequestURI().getPath().endsWith("/missing")) {
					exchange.sendResponseHeaders(404, -1);
					exchange.close();
					return;
				}
				byte[] answer = "answered".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.setExecutor(Executors.newFixedThreadPool(16));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
