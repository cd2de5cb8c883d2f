package org.ketaclinic.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

/**
 * The gateway's CPU per request with sessions in Redis against sessions in memory, and
 * against the WebMVC prototype with sessions in PostgreSQL (ADR 0011), without the local
 * stack: the built {@code gateway.jar} (and {@code gateway-webmvc.jar}) runs as its own
 * process (the local stack's JVM flags) in front of a stand-in service, with a test
 * identity provider, a real Redis and an embedded PostgreSQL; this JVM drives it and
 * reads the gateway's CPU time, and the session store's, from {@code /proc}. Three kinds
 * of request, each through the API route to the stand-in: a signed-in browser's (session
 * cookie; the session is read, and its token relayed), a bearer-token script's (no
 * session), and an anonymous check-in link. Rounds alternate the gateways and stores to
 * spread the noise of a shared machine over all.
 * <p>
 * Run by {@code infra/load/gateway-sessions}; arguments: requests per measurement,
 * rounds, the reactive gateway's jar, and optionally the WebMVC prototype's jar (then the
 * system property {@code bench.postgres.classpath} names the classpath of the prototype's
 * {@code BenchmarkPostgres}).
 */
public final class SessionStoreBenchmark {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final int WORKERS = 4;

	/**
	 * What the stand-in service last saw: the relayed token, and whether a cookie came.
	 */
	private static final AtomicReference<String> SEEN = new AtomicReference<>();

	private SessionStoreBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int requests = (args.length > 0) ? Integer.parseInt(args[0]) : 5000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		Path jar = Path.of((args.length > 2) ? args[2] : "gateway/target/gateway.jar");
		Path webmvcJar = (args.length > 3) ? Path.of(args[3]) : null;
		HttpServer service = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		byte[] answer = "{\"submissionId\": \"1\", \"status\": \"SUBMITTED\"}".getBytes(StandardCharsets.UTF_8);
		service.createContext("/", (exchange) -> {
			SEEN.set(exchange.getRequestHeaders().getFirst("Authorization") + " cookie="
					+ exchange.getRequestHeaders().containsKey("Cookie"));
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		service.setExecutor(Executors.newFixedThreadPool(8));
		service.start();
		String serviceUri = "http://localhost:" + service.getAddress().getPort();
		Process postgres = null;
		try (TestIdentityProvider provider = new TestIdentityProvider()) {
			int redisPort = TestRedis.port();
			List<Target> targets = new ArrayList<>();
			// the test provider does not check the client secret; the gateway refuses the
			// shipped one outside the local profile (GatewaySecretsGuard)
			List<String> common = List.of("--ketaclinic.gateway.oidc.issuer-uri=" + provider.issuer(),
					"--ketaclinic.gateway.oidc.client-secret=benchmark-only-secret",
					"--ketaclinic.intake-uri=" + serviceUri, "--ketaclinic.followup-uri=" + serviceUri);
			List<String> unlimited = List.of("--ketaclinic.gateway.rate-limit.per-second=1000000",
					"--ketaclinic.gateway.rate-limit.burst=1000000",
					"--ketaclinic.gateway.rate-limit.check-in.per-second=1000000",
					"--ketaclinic.gateway.rate-limit.check-in.burst=1000000");
			for (String store : List.of("memory", "redis")) {
				List<String> arguments = new ArrayList<>(common);
				arguments.addAll(unlimited);
				arguments.add("--ketaclinic.gateway.session.store=" + store);
				arguments.add("--spring.data.redis.port=" + redisPort);
				targets.add(new Target("webflux", store, jar, arguments,
						store.equals("redis") ? SessionStoreBenchmark::redisPids : List::of));
			}
			if (webmvcJar != null) {
				postgres = startPostgres();
				int postgresPort = postgresPort(postgres);
				List<String> arguments = new ArrayList<>(common);
				arguments.add("--spring.datasource.url=jdbc:postgresql://localhost:" + postgresPort + "/postgres");
				arguments.add("--spring.datasource.username=postgres");
				arguments.add("--spring.datasource.password=postgres");
				targets.add(new Target("webmvc", "jdbc", webmvcJar, arguments, () -> postgresPids(postgresPort)));
			}
			List<String> lines = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				for (Target target : targets) {
					lines.addAll(measure(target, requests, round));
				}
			}
			System.out.println();
			System.out.println(
					"round | gateway | store | request | requests | gateway CPU ms/request | store CPU ms/request | requests/s");
			lines.forEach(System.out::println);
		}
		finally {
			service.stop(0);
			if (postgres != null) {
				postgres.getOutputStream().close();
				if (!postgres.waitFor(30, TimeUnit.SECONDS)) {
					postgres.destroy();
				}
			}
		}
		System.exit(0);
	}

	private static List<String> measure(Target target, int requests, int round) throws Exception {
		int port = TestRedis.freePort();
		Path log = Files.createTempFile("gateway-" + target.gateway() + "-" + target.store() + "-", ".log");
		// the same JVM flags for both gateways: the local stack's
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-Xss512k",
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", target.jar().toString(),
						"--server.port=" + port));
		command.addAll(target.arguments());
		Process gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
				if (kind.cookie() != null && !SEEN.get().matches("Bearer ey\\S+ cookie=false")) {
					// both gateways must do the same work: relay the session's token,
					// drop the
					// cookie
					throw new IllegalStateException("the signed-in request was not relayed: " + SEEN.get());
				}
			}
			List<String> lines = new ArrayList<>();
			for (Kind kind : kinds) {
				List<Long> storePids = target.storePids().get();
				double before = cpuSeconds(gateway.pid());
				double storeBefore = cpuSeconds(storePids);
				long started = System.nanoTime();
				int ok = run(base, kind, requests);
				double seconds = (System.nanoTime() - started) / 1e9;
				double cpu = cpuSeconds(gateway.pid()) - before;
				double storeCpu = cpuSeconds(storePids) - storeBefore;
				if (ok != requests) {
					throw new IllegalStateException(kind.name() + ": " + (requests - ok) + " failed; see " + log);
				}
				lines.add(String.format(Locale.ROOT, "%d | %s | %s | %s | %d | %.2f | %.2f | %.0f", round,
						target.gateway(), target.store(), kind.name(), requests, cpu * 1000 / requests,
						storeCpu * 1000 / requests, requests / seconds));
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
		String[] fields = stat(pid);
		// utime and stime are fields 14 and 15 of stat, 12 and 13 after the command; the
		// children that ended (PostgreSQL's backends) in cutime and cstime, 16 and 17
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
				+ Long.parseLong(fields[14])) / 100.0;
	}

	private static double cpuSeconds(List<Long> pids) {
		double sum = 0;
		for (long pid : pids) {
			try {
				sum += cpuSeconds(pid);
			}
			catch (IOException | RuntimeException gone) {
				// a backend that ended: its time is in the server's cutime
			}
		}
		return sum;
	}

	/** The fields of /proc/pid/stat after the command. */
	private static String[] stat(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
	}

	/** The Redis server this JVM started (TestRedis). */
	private static List<Long> redisPids() {
		return ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info().command().orElse("").contains("redis"))
			.map(ProcessHandle::pid)
			.toList();
	}

	/**
	 * The PostgreSQL server on the given port (its command line names the port) and its
	 * processes (backends, writers).
	 */
	private static List<Long> postgresPids(int port) {
		List<Long> pids = new ArrayList<>();
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			Long server = null;
			List<Path> all = processes.filter((path) -> path.getFileName().toString().matches("[0-9]+")).toList();
			for (Path process : all) {
				try {
					String cmdline = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
					if (cmdline.contains("postgres") && cmdline.contains(" -p " + port + " ")) {
						server = Long.parseLong(process.getFileName().toString());
					}
				}
				catch (IOException gone) {
					// ended meanwhile
				}
			}
			if (server == null) {
				throw new IllegalStateException("no PostgreSQL server on port " + port);
			}
			pids.add(server);
			for (Path process : all) {
				try {
					long pid = Long.parseLong(process.getFileName().toString());
					if (Long.parseLong(stat(pid)[1]) == server) {
						pids.add(pid);
					}
				}
				catch (IOException | RuntimeException gone) {
					// ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return pids;
	}

	private static Process startPostgres() throws IOException {
		String classpath = System.getProperty("bench.postgres.classpath");
		if (classpath == null) {
			throw new IllegalStateException("set bench.postgres.classpath (infra/load/gateway-sessions does)");
		}
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
				"org.ketaclinic.gatewaywebmvc.BenchmarkPostgres")
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
	}

	private static int postgresPort(Process postgres) throws IOException {
		BufferedReader out = new BufferedReader(
				new InputStreamReader(postgres.getInputStream(), StandardCharsets.UTF_8));
		for (String line = out.readLine(); line != null; line = out.readLine()) {
			if (line.startsWith("port=")) {
				// keep reading its log (PostgreSQL's too), or a full pipe would stop the
				// server
				Thread drain = new Thread(() -> {
					try {
						while (out.readLine() != null) {
							// discarded
						}
					}
					catch (IOException ended) {
						// the server is stopping
					}
				}, "postgres-log");
				drain.setDaemon(true);
				drain.start();
				return Integer.parseInt(line.substring(5).trim());
			}
		}
		throw new IllegalStateException("PostgreSQL did not start");
	}

	record Kind(String name, String path, String cookie, String authorization) {
	}

	/** A gateway and its session store, started afresh for each round. */
	record Target(String gateway, String store, Path jar, List<String> arguments, Supplier<List<Long>> storePids) {
	}

}
