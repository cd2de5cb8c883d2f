package org.ketaclinic.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ketaclinic.smssink.SmsSink;

/**
 * Starts the whole platform on this machine and keeps it running until Ctrl-C: PostgreSQL
 * (data kept in {@code infra/local/.data/postgres}), a Kafka broker (data in
 * {@code .data/kafka}; with {@code KETACLINIC_KAFKA_BROKERS=3} a cluster of three in
 * {@code .data/kafka-cluster}), the dev identity provider, the four services and the
 * gateway, each as its own process with its log in {@code .data/logs}. Waits until every
 * process is healthy, then prints where everything is. On exit every child stops, and a
 * watchdog agent in each child makes it exit even if this launcher is killed outright.
 * <p>
 * With {@code KETACLINIC_IDP=keycloak}, Keycloak (its Maven Central distribution, see
 * {@link KeycloakServer}) on port {@value #KEYCLOAK_PORT} takes the dev identity
 * provider's place, with the realm Compose imports plus a local-only ADMIN script client
 * ({@code infra/local/keycloak}); the services and the gateway are then configured for it
 * as Compose configures them: its issuer, roles from {@code realm_access.roles}, only the
 * realm's KetaClinic clients as authorized parties.
 * <p>
 * While running it supervises the children as a process manager would: one that dies (a
 * crash, {@code kill -9}) is started again with the same command after
 * {@code KETACLINIC_RESTART_DELAY_SECONDS} (3 s), at most {@value #MAX_RESTARTS} times in
 * ten minutes. The fault suite relies on this to bring back what it kills. While a file
 * named after a child exists in {@code .data/hold} (e.g. {@code .data/hold/kafka-2}),
 * that child is not started again: the fault suite keeps something down for as long as an
 * outage it plays lasts, then removes the file.
 */
public final class LocalStack {

	static final int POSTGRES_PORT = 15432;

	static final int KAFKA_PORT = 9092;

	static final int KAFKA_CONTROLLER_PORT = 9093;

	/**
	 * The ports of the nodes of a three-broker cluster are 100 apart: 9092, 9192, 9292.
	 */
	static final int KAFKA_PORT_STEP = 100;

	static final int SMTP_PORT = 3025;

	static final int POP3_PORT = 3110;

	static final int IMAP_PORT = 3143;

	static final int SMS_SINK_PORT = 8089;

	/** Keycloak's port with {@code KETACLINIC_IDP=keycloak}, as in Compose. */
	static final int KEYCLOAK_PORT = 8180;

	/** The ADMIN script client the local stack adds to Keycloak's realm. */
	static final String KEYCLOAK_ADMIN_CLIENT = "local-admin-cli";

	static final List<App> APPS = List.of(new App("dev-idp", "infra/dev-idp/target/dev-idp.jar", 9000),
			new App("intake", "services/intake/intake-service/target/intake-service.jar", 8081),
			new App("screening", "services/screening/screening-service/target/screening-service.jar", 8082),
			new App("scheduling", "services/scheduling/scheduling-service/target/scheduling-service.jar", 8083),
			new App("followup", "services/followup/followup-service/target/followup-service.jar", 8084),
			new App("interop", "services/interop/interop-service/target/interop-service.jar", 8085),
			new App("gateway", "gateway/target/gateway.jar", 8080));

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	static final int MAX_RESTARTS = 5;

	private static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

	/**
	 * JVM flags of the services, the gateway and the identity provider: small heaps and
	 * C1 only, for a quick start and little memory on a laptop.
	 * {@code KETACLINIC_SERVICE_JVM_FLAGS} replaces them (space-separated), e.g. for
	 * throughput benchmarks.
	 */
	private static final List<String> SERVICE_JVM_FLAGS = serviceJvmFlags();

	private static List<String> serviceJvmFlags() {
		String given = System.getenv("KETACLINIC_SERVICE_JVM_FLAGS");
		if (given != null && !given.isBlank()) {
			return List.of(given.trim().split("\\s+"));
		}
		return List.of("-Xmx256m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-XX:+ExitOnOutOfMemoryError");
	}

	private final Path root;

	private final Path data;

	private final Path logs;

	private final Path localJar;

	private final Path watchdogJar;

	/**
	 * Keycloak instead of the dev identity provider ({@code KETACLINIC_IDP=keycloak}).
	 */
	private final boolean keycloak;

	/**
	 * Kafka brokers: one, or a cluster of three ({@code KETACLINIC_KAFKA_BROKERS=3}) with
	 * replication 3, {@code min.insync.replicas} 2 and {@code acks=all}.
	 */
	private final int kafkaBrokers;

	private final List<Child> children = Collections.synchronizedList(new ArrayList<>());

	private volatile boolean stopping;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	LocalStack(Path root) {
		this.root = root;
		this.data = root.resolve("infra/local/.data");
		this.logs = this.data.resolve("logs");
		this.localJar = root.resolve("infra/local/target/ketaclinic-local.jar");
		this.watchdogJar = root.resolve("infra/local/target/ketaclinic-local-watchdog.jar");
		String idp = System.getenv().getOrDefault("KETACLINIC_IDP", "dev");
		if (!idp.equals("dev") && !idp.equals("keycloak")) {
			throw new StartupFailure("KETACLINIC_IDP is " + idp + "; leave it unset (the dev identity provider)"
					+ " or set it to keycloak");
		}
		this.keycloak = idp.equals("keycloak");
		String brokers = System.getenv().getOrDefault("KETACLINIC_KAFKA_BROKERS", "1");
		if (!brokers.equals("1") && !brokers.equals("3")) {
			throw new StartupFailure("KETACLINIC_KAFKA_BROKERS is " + brokers
					+ "; leave it unset (one broker) or set it" + " to 3 (a three-broker cluster)");
		}
		this.kafkaBrokers = Integer.parseInt(brokers);
	}

	static int kafkaPort(int node) {
		return KAFKA_PORT + KAFKA_PORT_STEP * (node - 1);
	}

	static int kafkaControllerPort(int node) {
		return KAFKA_CONTROLLER_PORT + KAFKA_PORT_STEP * (node - 1);
	}

	/** Every broker's address, for the services' {@code bootstrap.servers}. */
	String kafkaBootstrap() {
		List<String> addresses = new ArrayList<>();
		for (int node = 1; node <= this.kafkaBrokers; node++) {
			addresses.add("localhost:" + kafkaPort(node));
		}
		return String.join(",", addresses);
	}

	/**
	 * Where a node keeps its log: a single broker in {@code .data/kafka} (as before), the
	 * nodes of the cluster in {@code .data/kafka-cluster/node-N}, so switching between
	 * the two never mixes their metadata.
	 */
	private Path kafkaData(int node) {
		return (this.kafkaBrokers == 1) ? this.data.resolve("kafka")
				: this.data.resolve("kafka-cluster").resolve("node-" + node);
	}

	/** The cluster's id, made once and kept beside its data. */
	private String kafkaClusterId() throws IOException {
		Path file = (this.kafkaBrokers == 1) ? this.data.resolve("kafka/cluster.id")
				: this.data.resolve("kafka-cluster/cluster.id");
		if (!Files.exists(file)) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, org.apache.kafka.common.Uuid.randomUuid().toString());
		}
		return Files.readString(file).trim();
	}

	/**
	 * The applications started as jars: every one but the dev identity provider with
	 * Keycloak.
	 */
	List<App> apps() {
		return this.keycloak ? APPS.stream().filter((app) -> !app.name().equals("dev-idp")).toList() : APPS;
	}

	private KeycloakServer keycloakServer() {
		return new KeycloakServer(KeycloakServer.distribution(this.root.resolve("infra/local")), KEYCLOAK_PORT,
				this.data.resolve("keycloak"));
	}

	/**
	 * What the services and the gateway are told about the identity provider: nothing for
	 * the dev identity provider (their defaults), Compose's settings for Keycloak.
	 */
	private Map<String, String> identitySettings() {
		if (!this.keycloak) {
			return Map.of("KETACLINIC_IDP_KEY_FILE", this.data.resolve("dev-idp/signing-key.json").toString());
		}
		String issuer = keycloakServer().issuer();
		Map<String, String> settings = new java.util.LinkedHashMap<>();
		settings.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", issuer);
		settings.put("KETACLINIC_SECURITY_ROLESCLAIM", "realm_access.roles");
		settings.put("KETACLINIC_SECURITY_PRINCIPALCLAIM", "preferred_username");
		settings.put("KETACLINIC_SECURITY_AUTHORIZEDPARTIES",
				"gateway,frontdesk-cli,clinician-cli," + KEYCLOAK_ADMIN_CLIENT);
		settings.put("KETACLINIC_GATEWAY_OIDC_ISSUERURI", issuer);
		settings.put("KETACLINIC_GATEWAY_OIDC_CLIENTID", "gateway");
		settings.put("KETACLINIC_GATEWAY_OIDC_CLIENTSECRET", KeycloakServer.LOCAL_SECRETS.get("GATEWAY_CLIENT_SECRET"));
		return settings;
	}

	public static void main(String[] args) throws Exception {
		// the launcher's own Kafka admin client would otherwise fill the console while
		// the broker starts
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
		Path root = Path.of(System.getProperty("ketaclinic.root", ".")).toAbsolutePath().normalize();
		LocalStack stack;
		try {
			stack = new LocalStack(root);
		}
		catch (StartupFailure ex) {
			System.err.println("The local stack did not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stopAll, "local-stack-stop"));
		try {
			stack.start();
		}
		catch (StartupFailure ex) {
			System.err.println();
			System.err.println("The local stack did not start: " + ex.getMessage());
			System.exit(1);
		}
		stack.printWelcome();
		stack.watch();
	}

	void start() throws Exception {
		for (App app : apps()) {
			if (!Files.exists(this.root.resolve(app.jar()))) {
				throw new StartupFailure(app.jar() + " is missing: build first with ./mvnw -DskipTests package");
			}
		}
		List<Integer> ports = new ArrayList<>(List.of(POSTGRES_PORT, SMTP_PORT, POP3_PORT, IMAP_PORT, SMS_SINK_PORT));
		for (int node = 1; node <= this.kafkaBrokers; node++) {
			ports.addAll(List.of(kafkaPort(node), kafkaControllerPort(node)));
		}
		apps().forEach((app) -> ports.add(app.port()));
		if (this.keycloak) {
			ports.addAll(List.of(KEYCLOAK_PORT, KEYCLOAK_PORT + 1));
		}
		for (int port : ports) {
			if (!isFree(port)) {
				throw new StartupFailure("port " + port + " is in use; is another stack still running?");
			}
		}
		Files.createDirectories(this.logs);
		// a hold left by an interrupted fault suite must not keep anything down
		Path holds = this.data.resolve("hold");
		if (Files.isDirectory(holds)) {
			try (var held = Files.list(holds)) {
				for (Path hold : held.toList()) {
					Files.deleteIfExists(hold);
				}
			}
		}
		Instant started = Instant.now();

		Child identityProvider = null;
		if (this.keycloak) {
			// first, since it takes longest; the services and the gateway
			// read their issuer lazily, at the first token
			step("Keycloak on port " + KEYCLOAK_PORT);
			KeycloakServer server;
			try {
				server = keycloakServer();
			}
			catch (IllegalStateException ex) {
				throw new StartupFailure(ex.getMessage());
			}
			server.prepare(this.root.resolve("infra/compose/keycloak/ketaclinic-realm.json"),
					List.of(this.root.resolve("infra/local/keycloak/local-admin-cli.json")));
			Path javaHome = Path
				.of(System.getenv().getOrDefault("KETACLINIC_KEYCLOAK_JAVA_HOME", System.getProperty("java.home")));
			identityProvider = launchCommand("keycloak", server.command(),
					server.environment(javaHome, "-javaagent:" + this.watchdogJar + "=" + ProcessHandle.current().pid(),
							KeycloakServer.LOCAL_SECRETS));
		}

		step("PostgreSQL on port " + POSTGRES_PORT);
		Child postgres = launch("postgres",
				List.of("-Xmx96m", "-XX:+UseSerialGC", "-cp", this.localJar.toString(), PostgresServer.class.getName(),
						String.valueOf(POSTGRES_PORT), this.data.resolve("postgres").toString(),
						"intake,screening,scheduling,followup,interop"),
				Map.of());

		step((this.kafkaBrokers == 1) ? "Kafka broker on port " + KAFKA_PORT
				: "Kafka cluster of " + this.kafkaBrokers + " brokers on ports " + kafkaBootstrap());
		String clusterId = kafkaClusterId();
		List<String> voters = new ArrayList<>();
		for (int node = 1; node <= this.kafkaBrokers; node++) {
			voters.add(node + "@localhost:" + kafkaControllerPort(node));
		}
		List<Child> brokers = new ArrayList<>();
		for (int node = 1; node <= this.kafkaBrokers; node++) {
			brokers.add(launch((this.kafkaBrokers == 1) ? "kafka" : "kafka-" + node,
					List.of("-Xmx512m", "-XX:+UseSerialGC", "-cp", this.localJar.toString(),
							KafkaServer.class.getName(), String.valueOf(node), String.valueOf(kafkaPort(node)),
							String.valueOf(kafkaControllerPort(node)), kafkaData(node).toString(), clusterId,
							String.join(",", voters), String.valueOf(this.kafkaBrokers)),
					Map.of()));
		}

		step("mail server and SMS sink");
		// both keep what they received in memory: a small start, room for a dispatch
		// benchmark's 50,000 messages each (infra/load)
		Child mail = launch("mail",
				List.of("-Xms16m", "-Xmx640m", "-XX:+UseSerialGC", "-cp", this.localJar.toString(),
						MailServer.class.getName(), String.valueOf(SMTP_PORT), String.valueOf(POP3_PORT),
						String.valueOf(IMAP_PORT)),
				Map.of());
		Child sms = launch("sms-sink", List.of("-Xms8m", "-Xmx256m", "-XX:+UseSerialGC", "-cp",
				this.localJar.toString(), SmsSink.class.getName()),
				Map.of("SMS_SINK_PORT", String.valueOf(SMS_SINK_PORT)));
		// all four start at once and are awaited in turn: none needs another, and on two
		// cores their starts overlap well (the services below need PostgreSQL and Kafka)
		awaitLogLine(postgres, "PostgreSQL ready", Duration.ofSeconds(90));
		System.out.printf("  postgres    ready on port %d%n", POSTGRES_PORT);
		awaitKafka(brokers, Duration.ofSeconds(120));
		System.out.printf("  kafka       ready on %s%n", kafkaBootstrap());
		awaitLogLine(mail, "Mail server ready", Duration.ofSeconds(60));
		System.out.printf("  mail        ready on ports %d (SMTP), %d (POP3) and %d (IMAP)%n", SMTP_PORT, POP3_PORT,
				IMAP_PORT);
		awaitLogLine(sms, "SMS sink ready", Duration.ofSeconds(60));
		System.out.printf("  sms-sink    ready on port %d%n", SMS_SINK_PORT);

		step(this.keycloak ? "services and gateway" : "identity provider, services and gateway");
		Map<String, Path> runnable = unpacked(apps());
		List<Child> apps = new ArrayList<>();
		for (App app : apps()) {
			List<String> command = new ArrayList<>(SERVICE_JVM_FLAGS);
			command.addAll(List.of("-jar", runnable.get(app.name()).toString()));
			Map<String, String> environment = new java.util.LinkedHashMap<>(identitySettings());
			// the local profile (application-local.yml of each app): the secrets shipped
			// for the local stack are accepted, and the demo clinic with its on-call
			// roster is seeded, only here
			environment.put("SPRING_PROFILES_ACTIVE", "local");
			environment.put("SPRING_KAFKA_BOOTSTRAPSERVERS", kafkaBootstrap());
			// every event is written to all in-sync replicas before the outbox marks it
			// sent
			environment.put("SPRING_KAFKA_PRODUCER_ACKS", "all");
			environment.put("KETACLINIC_EVENTS_REPLICAS", String.valueOf(this.kafkaBrokers));
			apps.add(launch(app.name(), command, environment));
		}
		for (int i = 0; i < apps().size(); i++) {
			awaitReady(apps.get(i), apps().get(i).port());
		}
		if (identityProvider != null) {
			awaitKeycloak(identityProvider, keycloakServer().discovery(), Duration.ofMinutes(5));
		}
		System.out.printf("All processes healthy after %d s.%n", Duration.between(started, Instant.now()).toSeconds());
	}

	/**
	 * Each app's jar as it is run: unpacked into {@code .data/apps/<name>} (Spring Boot's
	 * {@code -Djarmode=tools extract}: the jar and its libraries side by side), which
	 * starts in about a third less CPU than the nested jar (measured: 15 s of CPU to 10.5
	 * s for a service), on every start and every restart. Unpacked again only when the
	 * built jar changed; a jar that cannot be unpacked runs as it is.
	 */
	private Map<String, Path> unpacked(List<App> apps) throws InterruptedException {
		Map<String, Path> runnable = new ConcurrentHashMap<>();
		List<Thread> unpacking = new ArrayList<>();
		for (App app : apps) {
			Thread thread = new Thread(() -> {
				Path path = this.root.resolve(app.jar());
				try {
					path = unpacked(app);
				}
				finally {
					// whatever went wrong, the app runs: from its jar as built
					runnable.put(app.name(), path);
				}
			}, "unpack-" + app.name());
			thread.start();
			unpacking.add(thread);
		}
		for (Thread thread : unpacking) {
			thread.join();
		}
		return runnable;
	}

	private Path unpacked(App app) {
		Path jar = this.root.resolve(app.jar());
		Path folder = this.data.resolve("apps").resolve(app.name());
		Path extracted = folder.resolve(jar.getFileName());
		Path stamp = folder.resolve(".built-from");
		try {
			String built = jar.toAbsolutePath() + " " + Files.size(jar) + " "
					+ Files.getLastModifiedTime(jar).toMillis();
			if (Files.exists(extracted) && Files.exists(stamp) && Files.readString(stamp).equals(built)) {
				return extracted;
			}
			KeycloakServer.deleteRecursively(folder);
			Files.createDirectories(folder.getParent());
			Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", folder.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (extract.waitFor() == 0 && Files.exists(extracted)) {
				Files.writeString(stamp, built);
				return extracted;
			}
			System.err.printf("  %s: could not unpack %s (exit %d); running the jar as it is%n", app.name(), jar,
					extract.exitValue());
		}
		catch (IOException ex) {
			System.err.printf("  %s: could not unpack %s (%s); running the jar as it is%n", app.name(), jar,
					ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return jar;
	}

	private Child launch(String name, List<String> javaArguments, Map<String, String> environment) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-javaagent:" + this.watchdogJar + "=" + ProcessHandle.current().pid());
		command.addAll(javaArguments);
		return launchCommand(name, command, environment);
	}

	private Child launchCommand(String name, List<String> given, Map<String, String> environment) throws IOException {
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			// a session of its own: Ctrl-C reaches only the launcher, which stops the
			// children in order
			command.add("/usr/bin/setsid");
		}
		command.addAll(given);
		Path log = this.logs.resolve(name + ".log");
		Child child = new Child(name, start(command, environment, log, false), log, List.copyOf(command),
				Map.copyOf(environment));
		this.children.add(child);
		return child;
	}

	private Process start(List<String> command, Map<String, String> environment, Path log, boolean append)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(
					append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
		// the launcher's own setting, not the children's
		builder.environment().remove("KETACLINIC_IDP");
		builder.environment().putAll(environment);
		return builder.start();
	}

	private void awaitLogLine(Child child, String line, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			child.checkAlive();
			if (Files.exists(child.log()) && Files.readString(child.log()).contains(line)) {
				return;
			}
			Thread.sleep(200);
		}
		throw new StartupFailure(child.name() + " was not ready within " + timeout.toSeconds() + " s; see "
				+ this.root.relativize(child.log()));
	}

	private void awaitKafka(List<Child> brokers, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000))) {
			while (Instant.now().isBefore(deadline)) {
				for (Child broker : brokers) {
					broker.checkAlive();
				}
				try {
					// every broker registered, so a topic can get all its replicas
					if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() >= brokers.size()) {
						return;
					}
				}
				catch (Exception notYet) {
					Thread.sleep(300);
				}
			}
		}
		throw new StartupFailure("Kafka was not ready within " + timeout.toSeconds() + " s; see "
				+ this.root.relativize(brokers.get(0).log()) + " (and the other brokers' logs beside it)");
	}

	private void awaitKeycloak(Child child, String discovery, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		HttpRequest request = HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(3)).build();
		while (Instant.now().isBefore(deadline)) {
			child.checkAlive();
			try {
				if (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					System.out.printf("  %-11s ready on port %d%n", child.name(), KEYCLOAK_PORT);
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new StartupFailure(child.name() + " was not ready within " + timeout.toSeconds() + " s; see "
				+ this.root.relativize(child.log()));
	}

	private void awaitReady(Child child, int port) throws Exception {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(3))
			.build();
		while (Instant.now().isBefore(deadline)) {
			child.checkAlive();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					System.out.printf("  %-11s ready on port %d%n", child.name(), port);
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new StartupFailure(child.name() + " was not ready within " + STARTUP_TIMEOUT.toSeconds() + " s; see "
				+ this.root.relativize(child.log()));
	}

	private void printWelcome() {
		System.out.println();
		System.out.println("KetaClinic is running. Press Ctrl-C to stop everything.");
		System.out.println();
		System.out.println("  Gateway (UI and API)    http://localhost:8080");
		System.out.println("  Intake service          http://localhost:8081");
		System.out.println("  Screening service       http://localhost:8082");
		System.out.println("  Scheduling service      http://localhost:8083");
		System.out.println("  Follow-up service       http://localhost:8084");
		System.out.println("  Interop (FHIR R4)       http://localhost:8080/fhir/r4/metadata (through the gateway)");
		if (this.keycloak) {
			System.out.println("  Identity provider       Keycloak, " + keycloakServer().discovery());
			System.out.println("                          admin console http://localhost:" + KEYCLOAK_PORT
					+ "/admin (admin/admin, local only)");
		}
		else {
			System.out.println("  Identity provider       http://localhost:9000/.well-known/openid-configuration");
		}
		System.out.println("  SMS sink (texts sent)   http://localhost:" + SMS_SINK_PORT);
		System.out.println("  Mail                    SMTP localhost:" + SMTP_PORT + ", POP3 localhost:" + POP3_PORT
				+ ", IMAP localhost:" + IMAP_PORT + " (user and password: the recipient's address)");
		System.out.println("  PostgreSQL              localhost:" + POSTGRES_PORT
				+ "  (user ketaclinic, password ketaclinic; one database per service)");
		System.out.println("  Kafka                   " + kafkaBootstrap() + "  (topics ketaclinic.<service>.events"
				+ ((this.kafkaBrokers > 1) ? "; " + this.kafkaBrokers + " brokers, replication " + this.kafkaBrokers
						+ ", min.insync.replicas 2)" : ")"));
		System.out.println();
		System.out.println("  Demo sign-ins (local only): frontdesk/frontdesk, clinician/clinician, admin/admin");
		if (this.keycloak) {
			System.out
				.println("  Script clients: frontdesk-cli/frontdesk-cli-secret, clinician-cli/clinician-cli-secret,"
						+ " " + KEYCLOAK_ADMIN_CLIENT + "/" + KEYCLOAK_ADMIN_CLIENT + "-secret (local only),"
						+ " other-cli/other-cli-secret (refused by every service)");
			System.out.println("  Tokens: client-credentials grant at " + keycloakServer().tokenEndpoint());
		}
		else {
			System.out
				.println("  Script clients: frontdesk-cli/frontdesk-cli-secret, clinician-cli/clinician-cli-secret,"
						+ " admin-cli/admin-cli-secret");
		}
		System.out.println("  Logs: " + this.root.relativize(this.logs));
		System.out.println();
	}

	private void watch() throws InterruptedException {
		Duration delay = Duration.ofSeconds(Long.parseLong(System.getenv()
			.getOrDefault("KETACLINIC_RESTART_DELAY_SECONDS",
					System.getProperty("ketaclinic.restartDelaySeconds", "3"))));
		Map<String, List<Instant>> restarts = new java.util.HashMap<>();
		Map<String, Instant> diedAt = new java.util.HashMap<>();
		while (true) {
			for (Child child : List.copyOf(this.children)) {
				if (this.stopping || child.process().isAlive()) {
					continue;
				}
				Instant now = Instant.now();
				if (!diedAt.containsKey(child.name())) {
					diedAt.put(child.name(), now);
					System.err.printf("%s stopped unexpectedly (exit %d); see %s%n", child.name(),
							child.process().exitValue(), this.root.relativize(child.log()));
					continue;
				}
				if (Duration.between(diedAt.get(child.name()), now).compareTo(delay) < 0 || held(child.name())) {
					continue;
				}
				List<Instant> recent = restarts.computeIfAbsent(child.name(), (name) -> new ArrayList<>());
				recent.removeIf((at) -> at.isBefore(now.minus(RESTART_WINDOW)));
				if (recent.size() >= MAX_RESTARTS) {
					continue;
				}
				recent.add(now);
				diedAt.remove(child.name());
				restart(child, recent.size());
			}
			Thread.sleep(250);
		}
	}

	/** Whether the fault suite keeps this child down ({@code .data/hold/<name>}). */
	private boolean held(String name) {
		return Files.exists(this.data.resolve("hold").resolve(name));
	}

	/**
	 * A child's command as it should run now: an app whose jar was rebuilt since it was
	 * unpacked is unpacked again first, so that a restart never runs the code it was
	 * started with once newer code is built.
	 */
	private List<String> current(Child child) {
		for (App app : apps()) {
			if (app.name().equals(child.name())) {
				List<String> command = new ArrayList<>(child.command());
				int jar = command.indexOf("-jar") + 1;
				if (jar > 0 && jar < command.size()) {
					command.set(jar, unpacked(app).toString());
				}
				return command;
			}
		}
		return child.command();
	}

	private synchronized void restart(Child child, int attempt) {
		if (this.stopping) {
			return;
		}
		try {
			List<String> command = current(child);
			Process process = start(command, child.environment(), child.log(), true);
			this.children.set(this.children.indexOf(child),
					new Child(child.name(), process, child.log(), command, child.environment()));
			System.err.printf("%s restarted (pid %d, restart %d of at most %d in %d minutes)%n", child.name(),
					process.pid(), attempt, MAX_RESTARTS, RESTART_WINDOW.toMinutes());
		}
		catch (IOException ex) {
			System.err.printf("%s could not be restarted: %s%n", child.name(), ex.getMessage());
		}
	}

	/**
	 * Stops the children in reverse start order: apps first, then the SMS sink and mail
	 * server, Kafka, then PostgreSQL.
	 */
	void stopAll() {
		synchronized (this) {
			this.stopping = true;
		}
		List<Child> running = new ArrayList<>(this.children);
		Collections.reverse(running);
		if (running.isEmpty()) {
			return;
		}
		System.out.println("Stopping the local stack...");
		List<Child> apps = running.stream()
			.filter((c) -> !c.name().startsWith("kafka") && !c.name().equals("postgres"))
			.toList();
		stop(apps);
		stop(running.stream().filter((c) -> c.name().startsWith("kafka")).toList());
		stop(running.stream().filter((c) -> c.name().equals("postgres")).toList());
		stopOrphanedPostmaster();
		System.out.println("Stopped.");
	}

	/**
	 * PostgreSQL's postmaster runs detached from the process that started it; if that
	 * process died without stopping it, stop it here from the pid file in its data
	 * directory.
	 */
	private void stopOrphanedPostmaster() {
		Path pidFile = this.data.resolve("postgres/postmaster.pid");
		try {
			if (Files.exists(pidFile)) {
				long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
				ProcessHandle.of(pid).ifPresent((postmaster) -> {
					postmaster.destroy();
					postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally((timeout) -> {
						postmaster.destroyForcibly();
						return postmaster;
					}).join();
				});
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Could not check for a leftover PostgreSQL server: " + ex.getMessage());
		}
	}

	private static void stop(List<Child> group) {
		group.forEach((child) -> child.process().destroy());
		for (Child child : group) {
			try {
				if (!child.process().waitFor(30, TimeUnit.SECONDS)) {
					child.process().descendants().forEach(ProcessHandle::destroyForcibly);
					child.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				child.process().destroyForcibly();
			}
		}
	}

	private static void step(String what) {
		System.out.println("Starting " + what + "...");
	}

	private static boolean isFree(int port) {
		try (Socket probe = new Socket()) {
			probe.connect(new InetSocketAddress("localhost", port), 200);
			return false;
		}
		catch (IOException refused) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.setReuseAddress(true);
				socket.bind(new InetSocketAddress("localhost", port));
				return true;
			}
			catch (IOException inUse) {
				return false;
			}
		}
	}

	/** An application of the stack: its name, its jar and its HTTP port. */
	record App(String name, String jar, int port) {
	}

	record Child(String name, Process process, Path log, List<String> command, Map<String, String> environment) {

		void checkAlive() throws IOException {
			if (!this.process.isAlive()) {
				String tail = Files.exists(this.log) ? tail(Files.readAllLines(this.log)) : "";
				throw new StartupFailure(this.name + " exited with code " + this.process.exitValue()
						+ "; last lines of " + this.log + ":\n" + tail);
			}
		}

		private static String tail(List<String> lines) {
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}

	}

	static final class StartupFailure extends RuntimeException {

		StartupFailure(String message) {
			super(message);
		}

	}

}
