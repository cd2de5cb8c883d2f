package org.ketaclinic.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.security.RolesClaimConverter;
import org.ketaclinic.platform.security.TokenClaimsValidator;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Keycloak (the distribution from Maven Central that this module unpacks, on the
 * build's JDK) imports the realm Compose imports, and its tokens meet the services'
 * checks exactly as Compose configures them: the script clients' and a signed-in user's
 * tokens name KetaClinic's audience, their client ({@code azp}) and their role in
 * {@code realm_access.roles}, and the services' own validator and roles converter accept
 * them; tokens of {@code other-cli} (another application of the realm) and of Keycloak's
 * built-in {@code admin-cli} are refused, and the realm has no shared ADMIN script
 * client.
 */
class KeycloakRealmIT {

	private static final Path MODULE = Path.of("").toAbsolutePath();

	private static final Path ROOT = MODULE.resolve("../..").normalize();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private static final String GATEWAY_REDIRECT = "http://localhost:8080/login/oauth2/code/ketaclinic";

	private static KeycloakServer server;

	private static Process keycloak;

	private static Path log;

	private static NimbusJwtDecoder decoder;

	private static RolesClaimConverter roles;

	@BeforeAll
	static void startKeycloakWithTheComposeRealm() throws Exception {
		Path data = MODULE.resolve("target/keycloak-it");
		KeycloakServer.deleteRecursively(data);
		server = new KeycloakServer(KeycloakServer.distribution(MODULE), freePortPair(), data);
		server.prepare(ROOT.resolve("infra/compose/keycloak/ketaclinic-realm.json"), List.of());
		log = data.resolve("keycloak.log");
		ProcessBuilder builder = new ProcessBuilder(server.command()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// the watchdog ends Keycloak with this test JVM, however the JVM ends
		builder.environment()
			.putAll(server.environment(Path.of(System.getProperty("java.home")), "-javaagent:"
					+ MODULE.resolve("target/ketaclinic-local-watchdog.jar") + "=" + ProcessHandle.current().pid(),
					KeycloakServer.LOCAL_SECRETS));
		Instant started = Instant.now();
		keycloak = builder.start();
		awaitDiscovery(Duration.ofMinutes(7));
		System.out.printf("Keycloak served the realm after %d s%n",
				Duration.between(started, Instant.now()).toSeconds());

		// the services' decoder, configured as compose.yaml configures them
		String issuer = server.issuer();
		// the keys as the services fetch them, with room for a slow first
		// answer on a busy machine
		SimpleClientHttpRequestFactory slowStart = new SimpleClientHttpRequestFactory();
		slowStart.setConnectTimeout(Duration.ofSeconds(10));
		slowStart.setReadTimeout(Duration.ofSeconds(60));
		decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs")
			.restOperations(new RestTemplate(slowStart))
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
				new TokenClaimsValidator(issuer, "ketaclinic",
						List.of(composeSetting("KETACLINIC_SECURITY_AUTHORIZEDPARTIES").split(",")))));
		roles = new RolesClaimConverter(List.of(composeSetting("KETACLINIC_SECURITY_ROLESCLAIM").split(",")));
	}

	@AfterAll
	static void stopKeycloak() throws InterruptedException {
		if (keycloak != null) {
			keycloak.destroy();
			if (!keycloak.waitFor(30, TimeUnit.SECONDS)) {
				keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
				keycloak.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void aScriptClientsTokenNamesKetaClinicItsClientAndItsRealmRoleAndTheServicesAcceptIt() throws Exception {
		for (Map.Entry<String, String> client : Map.of("frontdesk-cli", "FRONT_DESK", "clinician-cli", "CLINICIAN")
			.entrySet()) {
			String token = clientCredentials(client.getKey(), client.getKey() + "-secret");
			JsonNode claims = claims(token);
			assertThat(audiences(claims)).as(client.getKey()).contains("ketaclinic");
			assertThat(claims.path("azp").asText()).isEqualTo(client.getKey());
			assertThat(claims.path("iss").asText()).isEqualTo(server.issuer());
			assertThat(texts(claims.path("realm_access").path("roles"))).containsExactly(client.getValue());
			assertThat(claims.has("roles")).as("no top-level roles claim: Keycloak has its own").isFalse();
			assertThat(texts(claims.path("clinics"))).as("the clinic groups of its service account (ADR 12)")
				.containsExactly("main");

			Jwt accepted = decoder.decode(token);
			assertThat(roles.convert(accepted)).extracting(GrantedAuthority::getAuthority)
				.containsExactly("ROLE_" + client.getValue());
		}
	}

	@Test
	void aTokenOfAnotherApplicationOfTheRealmNamesNeitherKetaClinicNorARoleAndIsRefused() throws Exception {
		String token = clientCredentials("other-cli", "other-cli-secret");
		JsonNode claims = claims(token);
		assertThat(claims.path("azp").asText()).isEqualTo("other-cli");
		assertThat(audiences(claims)).doesNotContain("ketaclinic");
		assertThat(texts(claims.path("realm_access").path("roles"))).doesNotContain("FRONT_DESK", "CLINICIAN", "ADMIN");
		assertThat(texts(claims.path("clinics"))).isEmpty();

		assertThat(refusals(token)).containsExactlyInAnyOrder("The token is not meant for this audience",
				"The token was issued to a client this service does not serve");
	}

	@Test
	void staffSignInThroughTheGatewaysClientGivesAnAccessTokenWithTheirRoleForKetaClinic() throws Exception {
		JsonNode tokens = signIn("clinician", "clinician");
		String accessToken = tokens.path("access_token").asText();
		JsonNode claims = claims(accessToken);
		assertThat(audiences(claims)).contains("ketaclinic");
		assertThat(claims.path("azp").asText()).isEqualTo("gateway");
		assertThat(claims.path("preferred_username").asText()).isEqualTo("clinician");
		assertThat(texts(claims.path("realm_access").path("roles"))).containsExactly("CLINICIAN");
		assertThat(texts(claims.path("clinics"))).as("the user's clinic groups (ADR 12)").containsExactly("main");
		assertThat(claims(tokens.path("id_token").asText()).path("preferred_username").asText())
			.as("the name the gateway shows")
			.isEqualTo("clinician");

		assertThat(roles.convert(decoder.decode(accessToken))).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_CLINICIAN");
	}

	@Test
	void theRealmHasNoSharedAdminScriptClientAndKeycloaksOwnAdminCliGetsNoTokenTheServicesAccept() throws Exception {
		HttpResponse<String> shared = post(server.tokenEndpoint(), "admin-cli:admin-cli-secret",
				"grant_type=client_credentials");
		assertThat(shared.statusCode()).as(shared.body()).isIn(400, 401);

		// the realm's admin-cli is Keycloak's own public client (kcadm.sh),
		// untouched by the import; an administrator's password through it
		// gives a token not meant for KetaClinic
		HttpResponse<String> builtIn = post(server.tokenEndpoint(), null,
				"grant_type=password&client_id=admin-cli&username=admin&password=admin");
		assertThat(builtIn.statusCode()).as(builtIn.body()).isEqualTo(200);
		String token = JSON.readTree(builtIn.body()).path("access_token").asText();
		assertThat(claims(token).path("azp").asText()).isEqualTo("admin-cli");
		assertThat(refusals(token)).containsExactlyInAnyOrder("The token is not meant for this audience",
				"The token was issued to a client this service does not serve");
	}

	/**
	 * The authorization-code flow with PKCE as the gateway runs it, the login form posted
	 * as a browser would post it; the code is exchanged with the gateway's secret.
	 */
	private static JsonNode signIn(String username, String password) throws Exception {
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(32));
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String authorize = server.issuer() + "/protocol/openid-connect/auth?"
				+ form(Map.of("response_type", "code", "client_id", "gateway", "redirect_uri", GATEWAY_REDIRECT,
						"scope", "openid profile", "state", "s1", "nonce", "n1", "code_challenge", challenge,
						"code_challenge_method", "S256"));
		HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		// the fields the browser journey fills in (LOGIN_* settings of
		// infra/browser-journey)
		assertThat(page.body()).contains("name=\"username\"", "name=\"password\"", "id=\"kc-login\"");
		Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
		assertThat(action.find()).as("the login form").isTrue();
		// Keycloak's session cookies are Secure, which browsers still send to
		// http://localhost but Java's cookie manager does not: sent by hand
		String cookies = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.map((cookie) -> cookie.split(";", 2)[0])
			.collect(Collectors.joining("; "));
		HttpResponse<String> loggedIn = HTTP
			.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", cookies)
				.POST(HttpRequest.BodyPublishers
					.ofString(form(Map.of("username", username, "password", password, "credentialId", ""))))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
		URI back = URI.create(loggedIn.headers().firstValue("Location").orElseThrow());
		assertThat(back.toString()).startsWith(GATEWAY_REDIRECT + "?");
		String code = Pattern.compile("(?:^|&)code=([^&]+)")
			.matcher(back.getRawQuery())
			.results()
			.findFirst()
			.orElseThrow()
			.group(1);
		HttpResponse<String> tokens = post(server.tokenEndpoint(),
				"gateway:" + KeycloakServer.LOCAL_SECRETS.get("GATEWAY_CLIENT_SECRET"),
				form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", GATEWAY_REDIRECT,
						"code_verifier", verifier)));
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return JSON.readTree(tokens.body());
	}

	/** Why the services' decoder refuses the token (it must refuse it). */
	private static List<String> refusals(String token) {
		try {
			decoder.decode(token);
		}
		catch (JwtValidationException refused) {
			return refused.getErrors().stream().map(OAuth2Error::getDescription).toList();
		}
		throw new AssertionError("the token was accepted");
	}

	private static String clientCredentials(String client, String secret) throws Exception {
		HttpResponse<String> response = post(server.tokenEndpoint(), client + ":" + secret,
				"grant_type=client_credentials");
		assertThat(response.statusCode()).as(client + ": " + response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("access_token").asText();
	}

	private static HttpResponse<String> post(String url, String basic, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (basic != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The token's claims, read without checking: what Keycloak put in it. */
	private static JsonNode claims(String jwt) throws IOException {
		return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	private static List<String> audiences(JsonNode claims) {
		JsonNode aud = claims.path("aud");
		return aud.isArray() ? texts(aud) : List.of(aud.asText());
	}

	private static List<String> texts(JsonNode array) {
		return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** A setting every service gets in {@code infra/compose/compose.yaml}. */
	private static String composeSetting(String variable) throws IOException {
		Matcher setting = Pattern.compile("(?m)^\\s+" + variable + ":\\s*(\\S+)\\s*$")
			.matcher(Files.readString(ROOT.resolve("infra/compose/compose.yaml")));
		assertThat(setting.find()).as(variable + " in compose.yaml").isTrue();
		return setting.group(1);
	}

	private static void awaitDiscovery(Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			assertThat(keycloak.isAlive()).as("Keycloak exited: " + tail()).isTrue();
			try {
				HttpResponse<Void> response = HTTP.send(
						HttpRequest.newBuilder(URI.create(server.discovery())).timeout(Duration.ofSeconds(3)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Keycloak did not serve the realm within " + timeout.toSeconds() + " s\n" + tail());
	}

	private static String tail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	/** A free port whose successor is free too (Keycloak's management port). */
	private static int freePortPair() throws IOException {
		for (int attempt = 0; attempt < 20; attempt++) {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			try (ServerSocket next = new ServerSocket(port + 1)) {
				return port;
			}
			catch (IOException taken) {
				// try another
			}
		}
		throw new IOException("no two free consecutive ports");
	}

}
