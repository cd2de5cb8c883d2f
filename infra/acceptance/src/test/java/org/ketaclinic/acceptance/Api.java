package org.ketaclinic.acceptance;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The gateway's public API as the front desk, clinicians, administrators (script clients
 * of the dev identity provider) and patients (no token) call it. Reads and commands are
 * retried while the platform answers that it is unavailable (connection refused, 429,
 * 502, 503, 504), commands always with the same {@code Idempotency-Key}, so a command is
 * accepted once however often it is sent. Every answer is counted in the tally.
 */
final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** How long a call keeps trying while the platform recovers from a fault. */
	static final Duration PATIENCE = Duration.ofMinutes(4);

	private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);

	enum Role {

		FRONT_DESK("frontdesk-cli"), CLINICIAN("clinician-cli"), ADMIN("admin-cli"), PATIENT(null);

		final String client;

		Role(String client) {
			this.client = client;
		}

	}

	/** An answer: status (-1 when no connection could be made), body and headers. */
	record Reply(int status, String body, String contentType, Map<String, java.util.List<String>> headers) {

		JsonNode json() {
			if (this.body == null || this.body.isBlank()) {
				return MissingNode.getInstance();
			}
			try {
				return JSON.readTree(this.body);
			}
			catch (RuntimeException notJson) {
				return MissingNode.getInstance();
			}
		}

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		boolean isProblem() {
			return this.contentType != null && this.contentType.startsWith("application/problem+json");
		}

	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<Role, String> tokens = new EnumMap<>(Role.class);

	private final Map<Role, Instant> fetched = new EnumMap<>(Role.class);

	final Tally tally;

	Api(Tally tally) {
		this.tally = tally;
	}

	/** A read, retried while the platform is unavailable. */
	Reply get(Role role, String path) {
		return retrying(() -> once(role, "GET", path, null, null));
	}

	/**
	 * A command with its idempotency key, retried with the same key while unavailable.
	 */
	Reply post(Role role, String path, Object body, String idempotencyKey) {
		return retrying(() -> once(role, "POST", path, body, idempotencyKey));
	}

	/** One attempt, not retried. */
	Reply once(Role role, String method, String path, Object body, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(Stack.GATEWAY.resolve(path))
			.timeout(Duration.ofSeconds(20))
			// a patient's check-in link opens a page; everything else is the JSON API
			.header("Accept", path.startsWith("/checkin/") ? "text/html" : "application/json");
		if (role.client != null) {
			String token = token(role);
			if (token == null) {
				this.tally.refused();
				return new Reply(-1, null, null, Map.of());
			}
			request.header("Authorization", "Bearer " + token);
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		Reply reply = send(request.build());
		if (reply.status() == -1) {
			this.tally.refused();
			return reply;
		}
		this.tally.answered(reply.status());
		if (reply.status() == 401 && role.client != null) {
			forget(role);
		}
		return reply;
	}

	private Reply retrying(Supplier<Reply> call) {
		Instant deadline = Instant.now().plus(PATIENCE);
		Reply reply = call.get();
		while ((reply.status() == -1 || TRANSIENT.contains(reply.status())) && Instant.now().isBefore(deadline)) {
			pause(reply.status() == 429 ? 1000 : 500);
			reply = call.get();
		}
		return reply;
	}

	/**
	 * Polls a read until its answer satisfies the condition.
	 * @return the first satisfying answer's JSON
	 * @throws AssertionError naming what was awaited if it never does
	 */
	JsonNode await(String what, Duration timeout, Supplier<Reply> read, Predicate<JsonNode> done) {
		return until(what, timeout, read, (reply) -> reply.ok() && done.test(reply.json()),
				(last) -> last.status() + " " + abbreviate(last.body()))
			.json();
	}

	/**
	 * Polls anything (a mailbox, the SMS sink) until its value satisfies the condition.
	 * @return the first satisfying value
	 */
	static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done,
			Function<T, String> describe) {
		Instant deadline = Instant.now().plus(timeout);
		T last = null;
		while (Instant.now().isBefore(deadline)) {
			last = probe.get();
			if (done.test(last)) {
				return last;
			}
			pause(500);
		}
		throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last "
				+ ((last != null) ? describe.apply(last) : "none"));
	}

	/** The texts the SMS sink received for a number, newest first. */
	JsonNode texts(String phone) {
		Reply reply = send(HttpRequest
			.newBuilder(Stack.SMS_SINK.resolve("/api/messages?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(10))
			.build());
		if (!reply.ok()) {
			throw new IllegalStateException("the SMS sink does not answer: " + reply.status());
		}
		return reply.json();
	}

	/** A service's own readiness probe (status -1 when it does not answer). */
	/** A service's whole health: readiness's checks and those outside it (Kafka). */
	Reply health(int port) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(8))
			.build());
	}

	Reply readiness(int port) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(8))
			.build());
	}

	private synchronized String token(Role role) {
		Instant at = this.fetched.get(role);
		if (at != null && at.isAfter(Instant.now().minusSeconds(120))) {
			return this.tokens.get(role);
		}
		String basic = Base64.getEncoder()
			.encodeToString((role.client + ":" + role.client + "-secret").getBytes(StandardCharsets.UTF_8));
		Reply reply = send(HttpRequest.newBuilder(Stack.IDP.resolve("/oauth2/token"))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=api"))
			.build());
		if (reply.status() != 200) {
			return null;
		}
		String token = reply.json().get("access_token").asString();
		this.tokens.put(role, token);
		this.fetched.put(role, Instant.now());
		return token;
	}

	/** Sends one request; an answer of status -1 when no connection could be made. */
	private Reply send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(null), response.headers().map());
		}
		catch (IOException ex) {
			return new Reply(-1, null, null, Map.of());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private synchronized void forget(Role role) {
		this.fetched.remove(role);
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String abbreviate(String text) {
		return (text == null) ? "" : (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

}
