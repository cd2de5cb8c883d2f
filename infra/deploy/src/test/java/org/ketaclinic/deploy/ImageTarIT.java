package org.ketaclinic.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every image tar the build wrote ({@code jib:buildTar}, on {@code scratch}: no registry
 * here) is unpacked, its configuration read, and its entry point started from the
 * unpacked layers with the local JDK, configured by environment variables only, as
 * Compose and Kubernetes configure it: the four services on a real PostgreSQL and Kafka
 * broker, then the gateway in front of them, until each readiness is UP; then calls
 * through the gateway with a real token reach the services. The token comes from the dev
 * identity provider, started from its jar: it has no image (docs/adr/0009).
 */
class ImageTarIT {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final Path WORK = Path.of("target/images").toAbsolutePath();

	/**
	 * What a container's memory limit would be: the image's heap percentages apply to it.
	 */
	private static final String CONTAINER_MEMORY = "-XX:MaxRAM=768m";

	private static final List<Started> STARTED = new ArrayList<>();

	private static final Map<String, Integer> PORTS = new HashMap<>();

	@BeforeAll
	static void startEveryImage() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		int idpPort = freePort();
		String issuer = "http://localhost:" + idpPort;
		Started idp = startJar(Project.DEV_IDP, idpPort, Map.of("KETACLINIC_IDP_ISSUER", issuer,
				"KETACLINIC_IDP_KEY_FILE", WORK.resolve("dev-idp-key/signing-key.json").toString()));
		idp.awaitReady();
		List<Started> services = new ArrayList<>();
		for (Project.Deployable service : Project.SERVICES) {
			Map<String, String> env = new LinkedHashMap<>();
			env.put("SPRING_DATASOURCE_URL", infrastructure.createDatabase("image_" + service.name()));
			env.put("SPRING_DATASOURCE_USERNAME", infrastructure.postgresUser());
			// production profile: a secret shipped for the local stack would stop the
			// service
			// (the embedded database trusts local connections, so any password signs in)
			env.put("SPRING_DATASOURCE_PASSWORD", "image-test-" + UUID.randomUUID());
			env.put("SPRING_KAFKA_BOOTSTRAPSERVERS", infrastructure.kafkaBootstrapServers());
			env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", issuer);
			env.putAll(FOLLOWUP_SECRETS);
			services.add(start(service, freePort(), env));
		}
		// the gateway finds the services by their ports when it routes, so it starts with
		// them: they all come up together
		Map<String, String> routes = new LinkedHashMap<>();
		for (Project.Deployable service : Project.SERVICES) {
			routes.put("KETACLINIC_" + service.name().toUpperCase() + "_URI",
					"http://localhost:" + PORTS.get(service.name()));
		}
		routes.put("KETACLINIC_GATEWAY_OIDC_ISSUERURI", issuer);
		// production profile: the local stack's client secret would stop the gateway
		routes.put("KETACLINIC_GATEWAY_OIDC_CLIENTSECRET", "image-gateway-" + UUID.randomUUID());
		services.add(start(Project.GATEWAY, freePort(), routes));
		services.add(start(Project.SMS_SINK, freePort(), Map.of()));
		for (Started started : services) {
			started.awaitReady();
		}
	}

	@AfterAll
	static void stopEveryImage() throws InterruptedException {
		for (Started started : STARTED) {
			started.process.destroy();
		}
		for (Started started : STARTED) {
			if (!started.process.waitFor(30, TimeUnit.SECONDS)) {
				started.process.destroyForcibly();
			}
		}
	}

	@Test
	void everyImageIsNonRootWithAFixedMainClassAndContainerJvmFlags() throws Exception {
		for (Started started : STARTED) {
			if (started.image == null) {
				continue;
			}
			ImageTar image = started.image;
			Project.Deployable deployable = started.deployable;
			assertThat(image.user()).as(deployable.name()).isEqualTo("10001:10001");
			assertThat(image.workingDirectory()).isEqualTo("/app");
			assertThat(image.entrypoint()).as(deployable.name())
				.startsWith("java")
				.contains("-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError")
				.endsWith(deployable.mainClass());
			assertThat(image.exposedPorts()).containsExactly(deployable.port() + "/tcp");
			try (var libs = Files.list(image.root().resolve("app/libs"))) {
				assertThat(libs.map((jar) -> jar.getFileName().toString()))
					.as("dependencies are a layer of their own, without build-time tools")
					.isNotEmpty()
					.noneMatch((jar) -> jar.startsWith("spring-boot-configuration-processor"));
			}
		}
		assertThat(STARTED).filteredOn((started) -> started.image != null)
			.extracting((started) -> started.deployable.name())
			.containsExactly("intake", "screening", "scheduling", "followup", "gateway", "sms-sink");
	}

	@Test
	void callsThroughTheGatewayImageReachTheServiceImagesWithATokenFromTheIdentityProviderImage() throws Exception {
		String gateway = "http://localhost:" + PORTS.get("gateway");
		String clinician = token("clinician-cli", "clinician-cli-secret");
		HttpResponse<String> reviews = get(gateway + "/api/screening/reviews?status=PENDING", clinician);
		assertThat(reviews.statusCode()).as(reviews.body()).isEqualTo(200);
		assertThat(reviews.body()).isEqualTo("[]");
		HttpResponse<String> alerts = get(gateway + "/api/followup/alerts?status=OPEN", clinician);
		assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
		String frontDesk = token("frontdesk-cli", "frontdesk-cli-secret");
		HttpResponse<String> unknown = get(gateway + "/api/intake/submissions/" + UUID.randomUUID(), frontDesk);
		assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> anonymous = get(gateway + "/api/screening/reviews?status=PENDING", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@Test
	void aServiceImageWithoutItsSecretsRefusesToStartAndNamesEachOne() throws Exception {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_DATASOURCE_URL", TestInfrastructure.get().createDatabase("image_no_secrets"));
		env.put("SPRING_DATASOURCE_PASSWORD", "ketaclinic");
		env.put("KETACLINIC_FOLLOWUP_SMS_WEBHOOKSECRET", FOLLOWUP_SECRETS.get("KETACLINIC_FOLLOWUP_SMS_WEBHOOKSECRET"));
		Started refused = launch(
				Project.SERVICES.stream().filter((s) -> s.name().equals("followup")).findFirst().orElseThrow(),
				freePort(), env, "followup-without-secrets");
		try {
			assertThat(refused.process().waitFor(3, TimeUnit.MINUTES)).as("it stops by itself").isTrue();
			assertThat(refused.process().exitValue()).isNotZero();
			String output = Files.readString(refused.log());
			assertThat(output).contains("The service will not run with these secrets")
				.contains("SPRING_DATASOURCE_PASSWORD) is still a value shipped for the local stack")
				.contains("KETACLINIC_FOLLOWUP_CHECKINS_LINKSECRET) is not set")
				.contains("KETACLINIC_FOLLOWUP_SMS_APIKEY) is not set")
				.doesNotContain("KETACLINIC_FOLLOWUP_SMS_WEBHOOKSECRET)")
				.doesNotContain(FOLLOWUP_SECRETS.get("KETACLINIC_FOLLOWUP_SMS_WEBHOOKSECRET"));
		}
		finally {
			refused.process().destroyForcibly();
		}
	}

	private static String token(String client, String secret) throws Exception {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORTS.get("dev-idp") + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=api"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Project.YAML.readTree(response.body()).path("access_token").asText();
	}

	private static HttpResponse<String> get(String url, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Follow-up's secrets, as a deployment sets them (never the local stack's values).
	 */
	private static final Map<String, String> FOLLOWUP_SECRETS = Map.of("KETACLINIC_FOLLOWUP_CHECKINS_LINKSECRET",
			"image-link-" + UUID.randomUUID(), "KETACLINIC_FOLLOWUP_SMS_WEBHOOKSECRET",
			"image-webhook-" + UUID.randomUUID(), "KETACLINIC_FOLLOWUP_SMS_APIKEY", "image-api-" + UUID.randomUUID());

	private static Started start(Project.Deployable deployable, int port, Map<String, String> env) throws IOException {
		Started started = launch(deployable, port, env, deployable.name());
		STARTED.add(started);
		PORTS.put(deployable.name(), port);
		return started;
	}

	private static Started launch(Project.Deployable deployable, int port, Map<String, String> env, String directory)
			throws IOException {
		Path tar = deployable.imageTar();
		assertThat(tar).as("the image tar of " + deployable.module() + " (built by jib:buildTar in package)").exists();
		Path into = WORK.resolve(directory);
		deleteRecursively(into);
		ImageTar image = ImageTar.unpack(tar, into);
		ProcessBuilder builder = new ProcessBuilder(image.localCommand(Path.of(System.getProperty("java.home"))))
			.directory(image.localWorkingDirectory().toFile())
			.redirectErrorStream(true)
			.redirectOutput(into.resolve("output.log").toFile());
		builder.environment().clear();
		builder.environment().putAll(image.environment());
		builder.environment().putAll(env);
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().put("SMS_SINK_PORT", String.valueOf(port));
		// and the client compiler alone: seven JVMs start at once here, on a build
		// machine's
		// few cores (how the code is compiled changes nothing the test checks)
		builder.environment().put("JAVA_TOOL_OPTIONS", CONTAINER_MEMORY + " -XX:TieredStopAtLevel=1");
		return new Started(deployable, image, builder.start(), port, into.resolve("output.log"));
	}

	/** The dev identity provider, from its jar: it is never an image. */
	private static Started startJar(Project.Deployable deployable, int port, Map<String, String> env)
			throws IOException {
		Path jar = Project.path(deployable.module()).resolve("target/" + deployable.artifact() + ".jar");
		assertThat(jar).as("the jar of " + deployable.module()).exists();
		Path into = WORK.resolve(deployable.name());
		deleteRecursively(into);
		Files.createDirectories(into);
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-jar", jar.toString())
			.directory(into.toFile())
			.redirectErrorStream(true)
			.redirectOutput(into.resolve("output.log").toFile());
		builder.environment().putAll(env);
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		Started started = new Started(deployable, null, builder.start(), port, into.resolve("output.log"));
		STARTED.add(started);
		PORTS.put(deployable.name(), port);
		return started;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (Files.exists(path)) {
			try (var files = Files.walk(path)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	private record Started(Project.Deployable deployable, ImageTar image, Process process, int port, Path log) {

		void awaitReady() throws Exception {
			URI readiness = URI.create("http://localhost:" + this.port + this.deployable.readinessPath());
			Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
			String last = "no answer";
			while (Instant.now().isBefore(deadline)) {
				assertThat(this.process.isAlive()).as(this.deployable.name() + " exited: " + tail()).isTrue();
				try {
					HttpResponse<String> response = HTTP.send(
							HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.ofString());
					last = response.statusCode() + " " + response.body();
					if (response.statusCode() == 200 && response.body().contains(this.deployable.readyMarker())) {
						return;
					}
				}
				catch (IOException ex) {
					last = ex.toString();
				}
				Thread.sleep(500);
			}
			throw new AssertionError(this.deployable.name() + " not ready after 3 minutes: " + last + "\n" + tail());
		}

		private String tail() {
			try {
				List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
				return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
			}
			catch (IOException ex) {
				return "(no output: " + ex + ")";
			}
		}

	}

}
