package org.ketaclinic.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * The gateway's CPU per request with sessions in Redis against sessions in memory (ADR
 * 0011), without the local stack: the built {@code gateway.jar} runs as its own process
 * (the local stack's JVM flags) in front of a stand-in service, with a test identity
 * provider and a real Redis; this JVM drives it and reads the gateway's CPU time from
 * {@code /proc}. Three kinds of request, each through the API route to the stand-in: a
 * signed-in browser's (session cookie; the session is read, and its token relayed), a
 * bearer-token script's (no session), and an anonymous check-in link. Rounds alternate
 * the two stores to spread the noise of a shared machine over both.
 * <p>
 * Run by {@code infra/load/gateway-sessions}; arguments: requests per measurement,
 * rounds.
 */
public final class SessionStoreBenchmark {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final int WORKERS = 4;

	private SessionStoreBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int requests = (args.length > 0) ? Integer.parseInt(args[0]) : 5000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		Path jar = Path.of((args.length > 2) ? args[2] : "gateway/target/gateway.jar");
		HttpServer service = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		byte[] answer = "{\"submissionId\": \"1\", \"status\": \"SUBMITTED\"}".getBytes(StandardCharsets.UTF_8);
		service.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		service.setExecutor(Executors.newFixedThreadPool(8));
		service.start();
		String serviceUri = "http://localhost:" + service.getAddress().getPort();
		try (TestIdentityProvider provider = new TestIdentityProvider()) {
			int redisPort = TestRedis.port();
			List<String> lines = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				for (String store : List.of("memory", "redis")) {
					lines.addAll(measure(jar, store, redisPort, provider.issuer(), serviceUri, requests, round));
				}
			}
			System.out.println();
			System.out.println("round | store | request | requests | gateway CPU ms/request | requests/s");
			lines.forEach(System.out::println);
		}
		finally {
			service.stop(0);
		}
		System.exit(0);
	}

	private static List<String> measure(Path jar, String store, int redisPort, String issuer, String serviceUri,
			int requests, int round) throws Exception {
		int port = TestRedis.freePort();
		Path log = Files.createTempFile("gateway-" + store + "-", ".log");
		Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
				"--server.port=" + port, "--ketaclinic.gateway.session.store=" + store,
				"--spring.data.redis.port=" + redisPort, "--ketaclinic.gateway.oidc.issuer-uri=" + issuer,
				"--ketaclinic.intake-uri=" + serviceUri, "--ketaclinic.followup-uri=" + serviceUri,
				"--ketaclinic.gateway.rate-limit.per-second=1000000", "--ketaclinic.gateway.rate-limit.burst=1000000",
				"--ketaclinic.gateway.rate-limit.check-in.per-second=1000000",
				"--ketaclinic.gateway.rate-limit.check-in.burst=1000000")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			String base = "http://localhost:" + port;
			awaitReady(base, gateway, log);
			String session = new TestIdentityProvider.Browser().signIn(base, null);
			List<Kind> kinds = List.of(
					new Kind("signed-in (session)", "/api/intake/submissions/1", "SESSION=" + session, null),
					new Kind("bearer token", "/api/intake/submissions/1", null, "Bearer not-checked-here"),
					new Kind("anonymous check-in", "/checkin/some-link", null, null));
			for (Kind kind : kinds) {
				run(base, kind, Math.max(1000, requests / 2)); // warm-up: JIT, pools
			}
			List<String> lines = new ArrayList<>();
			for (Kind kind : kinds) {
				double before = cpuSeconds(gateway.pid());
				long started = System.nanoTime();
				int ok = run(base, kind, requests);
				double seconds = (System.nanoTime() - started) / 1e9;
				double cpu = cpuSeconds(gateway.pid()) - before;
				if (ok != requests) {
					throw new IllegalStateException(kind.name() + ": " + (requests - ok) + " failed; see " + log);
				}
				lines.add(String.format(Locale.ROOT, "%d | %s | %s | %d | %.2f | %.0f", round, store, kind.name(),
						requests, cpu * 1000 / requests, requests / seconds));
				System.out.println(lines.get(lines.size() - 1));
			}
			return lines;
		}
		finally {
			gateway.destroy();
			gateway.waitFor();
		}
	}

	private static int run(String base, Kind kind, int requests) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger ok = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < WORKERS; w++) {
				done.add(workers.submit(() -> {
					while (next.getAndIncrement() < requests) {
						HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + kind.path())).GET();
						if (kind.cookie() != null) {
							request.header("Cookie", kind.cookie());
						}
						if (kind.authorization() != null) {
							request.header("Authorization", kind.authorization());
						}
						HttpResponse<Void> response = HTTP.send(request.build(),
								HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() == 200) {
							ok.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : done) {
				worker.get();
			}
		}
		finally {
			workers.shutdownNow();
		}
		return ok.get();
	}

	private static void awaitReady(String base, Process gateway, Path log) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!gateway.isAlive()) {
				throw new IllegalStateException("the gateway ended; see " + log);
			}
			try {
				HttpResponse<String> ready = HTTP.send(
						HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// starting
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the gateway was not ready in 3 minutes; see " + log);
	}

	/** User and system CPU time of a process and its threads, from /proc. */
	private static double cpuSeconds(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// utime and stime are fields 14 and 15 of stat, 12 and 13 after the command
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
	}

	record Kind(String name, String path, String cookie, String authorization) {
	}

}
