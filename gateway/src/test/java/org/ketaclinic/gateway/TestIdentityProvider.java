package org.ketaclinic.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal OpenID Connect provider for the gateway's sign-in in tests: discovery, an
 * authorization endpoint that signs in one user at once (no login page), a token endpoint
 * that returns an RS256-signed ID token (with the request's nonce) and an access token
 * with roles, and the key set.
 */
final class TestIdentityProvider implements AutoCloseable {

	static final String USER = "front.desk";

	private final HttpServer server;

	private final RSAKey key;

	private final Map<String, String> nonces = new ConcurrentHashMap<>();

	final AtomicInteger tokensIssued = new AtomicInteger();

	TestIdentityProvider() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("test").generate();
			this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/.well-known/openid-configuration", (exchange) -> json(exchange, """
				{"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
				 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
				 "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "profile"],
				 "token_endpoint_auth_methods_supported": ["client_secret_basic"],
				 "code_challenge_methods_supported": ["S256"]}""".formatted(issuer())));
		this.server.createContext("/jwks",
				(exchange) -> json(exchange, "{\"keys\": [" + this.key.toPublicJWK().toJSONString() + "]}"));
		this.server.createContext("/authorize", this::authorize);
		this.server.createContext("/token", this::token);
		this.server.start();
	}

	String issuer() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	private void authorize(HttpExchange exchange) throws IOException {
		Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
		String code = UUID.randomUUID().toString();
		this.nonces.put(code, query.getOrDefault("nonce", ""));
		exchange.getResponseHeaders()
			.set("Location", query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state"));
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String nonce = this.nonces.remove(form.get("code"));
		if (nonce == null) {
			exchange.sendResponseHeaders(400, -1);
			exchange.close();
			return;
		}
		Instant now = Instant.now();
		JWTClaimsSet.Builder idToken = new JWTClaimsSet.Builder().issuer(issuer())
			.subject("user-7")
			.audience("gateway")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.claim("preferred_username", USER);
		if (!nonce.isEmpty()) {
			idToken.claim("nonce", nonce);
		}
		JWTClaimsSet accessToken = new JWTClaimsSet.Builder().issuer(issuer())
			.subject("user-7")
			.audience("ketaclinic")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.claim("roles", List.of("FRONT_DESK"))
			.build();
		this.tokensIssued.incrementAndGet();
		json(exchange, """
				{"access_token": "%s", "token_type": "Bearer", "expires_in": 600, "scope": "openid profile",
				 "id_token": "%s"}""".formatted(sign(accessToken), sign(idToken.build())));
	}

	private String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> form(String encoded) {
		Map<String, String> values = new LinkedHashMap<>();
		if (encoded != null) {
			for (String pair : encoded.split("&")) {
				String[] parts = pair.split("=", 2);
				values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						(parts.length == 2) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		return values;
	}

	private static void json(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** A browser's sign-in at a gateway, followed through the redirects. */
	static final class Browser {

		private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.followRedirects(java.net.http.HttpClient.Redirect.NEVER)
			.build();

		/** Signs in at the gateway and returns the session cookie's value. */
		String signIn(String gateway, String forwardedFor) {
			var start = send(gateway + "/oauth2/authorization/ketaclinic", null, forwardedFor);
			String pending = cookie(start, "SESSION");
			if (start.statusCode() != 302 || pending == null) {
				throw new IllegalStateException("sign-in did not start: " + start.statusCode() + " " + start.body());
			}
			var authorize = send(location(start), null, null);
			var callback = send(location(authorize), pending, forwardedFor);
			String session = cookie(callback, "SESSION");
			if (callback.statusCode() != 302 || session == null) {
				throw new IllegalStateException("sign-in did not finish: " + callback.statusCode() + " "
						+ callback.headers().map() + " " + callback.body());
			}
			return session;
		}

		java.net.http.HttpResponse<String> send(String uri, String session, String forwardedFor) {
			var request = java.net.http.HttpRequest.newBuilder(URI.create(uri))
				.timeout(java.time.Duration.ofSeconds(30))
				.GET();
			if (session != null) {
				request.header("Cookie", "SESSION=" + session);
			}
			if (forwardedFor != null) {
				request.header("X-Forwarded-For", forwardedFor);
			}
			try {
				return this.http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String location(java.net.http.HttpResponse<String> response) {
			return response.headers()
				.firstValue("Location")
				.orElseThrow(() -> new IllegalStateException("no redirect: " + response.statusCode()));
		}

		static String cookie(java.net.http.HttpResponse<?> response, String name) {
			for (String header : response.headers().allValues("Set-Cookie")) {
				if (header.startsWith(name + "=")) {
					String value = header.substring(name.length() + 1).split(";", 2)[0];
					return value.isEmpty() ? null : value;
				}
			}
			return null;
		}

	}

}
