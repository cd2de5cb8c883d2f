package org.ketaclinic.smssink;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for an SMS provider: {@code POST /api/messages} sends (deduplicated by the
 * {@code Idempotency-Key} header, as real providers do), {@code GET /api/messages?to=}
 * lists what a phone received, newest first, {@code GET /api/stats} counts messages and
 * repeated keys, {@code POST /api/replies} delivers a patient's reply to the follow-up
 * service's inbound webhook, signed with HMAC-SHA256 like a provider's callback, and
 * {@code GET /} shows everything on a page with a reply form. Numbers starting with the
 * undeliverable prefix are rejected as a provider rejects an unreachable number;
 * {@code POST /api/faults {"failNext": n}} makes the next n sends fail with 503.
 */
public final class SmsSink implements AutoCloseable {

	/**
	 * The header carrying the webhook signature:
	 * {@code sha256=<hex HMAC of "<timestamp>.<message id>.<body>">}.
	 */
	public static final String SIGNATURE_HEADER = "X-Sms-Signature";

	/**
	 * The header carrying the webhook call's time, in seconds since the epoch (signed).
	 */
	public static final String TIMESTAMP_HEADER = "X-Sms-Timestamp";

	/** The header carrying the inbound message's id, the same on a retry (signed). */
	public static final String MESSAGE_ID_HEADER = "X-Sms-Message-Id";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private volatile URI webhook;

	private final byte[] secret;

	private final String apiKey;

	private final String undeliverablePrefix;

	private final List<Map<String, Object>> messages = new ArrayList<>();

	private final List<Map<String, Object>> replies = new ArrayList<>();

	private final Map<String, Map<String, Object>> byIdempotencyKey = new HashMap<>();

	private final AtomicInteger failNext = new AtomicInteger();

	private final AtomicInteger repeatedKeys = new AtomicInteger();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private SmsSink(int port, URI webhook, String secret, String apiKey, String undeliverablePrefix)
			throws IOException {
		this.webhook = webhook;
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.apiKey = apiKey;
		this.undeliverablePrefix = undeliverablePrefix;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.createContext("/", this::handle);
	}

	/**
	 * Starts a sink.
	 * @param port the port, 0 for any free one
	 * @param webhook where replies go
	 * @param secret the shared secret that signs them
	 * @param apiKey the credential a sender must present
	 * ({@code Authorization: Bearer <key>}), as with a real provider
	 * @param undeliverablePrefix numbers the "provider" rejects
	 * @return the running sink
	 * @throws IOException if the port cannot be bound
	 */
	public static SmsSink start(int port, URI webhook, String secret, String apiKey, String undeliverablePrefix)
			throws IOException {
		SmsSink sink = new SmsSink(port, webhook, secret, apiKey, undeliverablePrefix);
		sink.server.start();
		return sink;
	}

	public static void main(String[] args) throws IOException {
		// answers go out at once, not after the client's delayed ACK (Nagle): read before
		// the JDK's HTTP server is first used, so here, not in start
		System.setProperty("sun.net.httpserver.nodelay", "true");
		int port = Integer.parseInt(setting("SMS_SINK_PORT", "8089"));
		URI webhook = URI.create(setting("SMS_SINK_WEBHOOK", "http://localhost:8084/api/followup/sms/inbound"));
		SmsSink sink = start(port, webhook, setting("SMS_SINK_SECRET", "local-sms-webhook-secret"),
				setting("SMS_SINK_API_KEY", "local-sms-api-key"), setting("SMS_SINK_UNDELIVERABLE_PREFIX", "+1555000"));
		Runtime.getRuntime().addShutdownHook(new Thread(sink::close));
		System.out.println("SMS sink ready on port " + sink.port());
	}

	private static String setting(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/** Sends replies to another webhook from now on. */
	public void webhook(URI webhook) {
		this.webhook = webhook;
	}

	/** The port it listens on. */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The messages sent to a phone, newest first. */
	public synchronized List<Map<String, Object>> messagesTo(String phone) {
		List<Map<String, Object>> found = new ArrayList<>();
		for (int i = this.messages.size() - 1; i >= 0; i--) {
			if (phone == null || phone.equals(this.messages.get(i).get("to"))) {
				found.add(this.messages.get(i));
			}
		}
		return found;
	}

	/**
	 * How many messages it holds, and how many sends repeated an idempotency key it had
	 * seen (answered with the first message, not sent again).
	 */
	public synchronized Map<String, Integer> stats() {
		return Map.of("messages", this.messages.size(), "repeatedKeys", this.repeatedKeys.get());
	}

	/** Makes the next sends fail with 503, as an overloaded provider does. */
	public void failNext(int count) {
		this.failNext.set(count);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if ("POST".equals(method) && "/api/messages".equals(path)) {
				String authorization = exchange.getRequestHeaders().getFirst("Authorization");
				if (authorization == null || !MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8),
						("Bearer " + this.apiKey).getBytes(StandardCharsets.UTF_8))) {
					respond(exchange, 401, "application/json",
							JSON.writeValueAsBytes(Map.of("error", "missing or wrong API key")));
					return;
				}
				send(exchange);
			}
			else if ("GET".equals(method) && "/api/messages".equals(path)) {
				String to = query(exchange).get("to");
				respond(exchange, 200, "application/json", JSON.writeValueAsBytes(messagesTo(to)));
			}
			else if ("GET".equals(method) && "/api/stats".equals(path)) {
				respond(exchange, 200, "application/json", JSON.writeValueAsBytes(stats()));
			}
			else if ("POST".equals(method) && "/api/replies".equals(path)) {
				JsonNode reply = JSON.readTree(exchange.getRequestBody().readAllBytes());
				int status = reply(text(reply, "from"), text(reply, "body"));
				respond(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("webhookStatus", status)));
			}
			else if ("POST".equals(method) && "/replies".equals(path)) {
				Map<String, String> form = parse(
						new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				reply(form.get("from"), form.get("body"));
				exchange.getResponseHeaders().add("Location", "/");
				exchange.sendResponseHeaders(303, -1);
			}
			else if ("POST".equals(method) && "/api/faults".equals(path)) {
				JsonNode fault = JSON.readTree(exchange.getRequestBody().readAllBytes());
				failNext(fault.path("failNext").asInt(0));
				respond(exchange, 204, "application/json", null);
			}
			else if ("GET".equals(method) && "/".equals(path)) {
				respond(exchange, 200, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8));
			}
			else {
				respond(exchange, 404, "application/json", JSON.writeValueAsBytes(Map.of("error", "not found")));
			}
		}
		catch (RuntimeException ex) {
			respond(exchange, 400, "application/json", JSON.writeValueAsBytes(Map.of("error", "bad request")));
		}
	}

	private void send(HttpExchange exchange) throws IOException {
		JsonNode message = JSON.readTree(exchange.getRequestBody().readAllBytes());
		String to = text(message, "to");
		String body = text(message, "body");
		if (to == null || body == null || !to.matches("\\+[1-9][0-9]{6,14}")) {
			respond(exchange, 400, "application/json",
					JSON.writeValueAsBytes(Map.of("error", "to (E.164) and body are required")));
			return;
		}
		if (this.failNext.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			respond(exchange, 503, "application/json", JSON.writeValueAsBytes(Map.of("error", "try again later")));
			return;
		}
		if (to.startsWith(this.undeliverablePrefix)) {
			respond(exchange, 422, "application/json",
					JSON.writeValueAsBytes(Map.of("error", "undeliverable", "to", to)));
			return;
		}
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		Map<String, Object> stored;
		int status;
		synchronized (this) {
			stored = (key != null) ? this.byIdempotencyKey.get(key) : null;
			status = (stored != null) ? 200 : 201;
			if (stored != null) {
				this.repeatedKeys.incrementAndGet();
			}
			if (stored == null) {
				stored = new LinkedHashMap<>();
				stored.put("id", UUID.randomUUID().toString());
				stored.put("to", to);
				stored.put("from", String.valueOf(text(message, "from")));
				stored.put("body", body);
				stored.put("sentAt", Instant.now().toString());
				this.messages.add(stored);
				if (key != null) {
					this.byIdempotencyKey.put(key, stored);
				}
			}
		}
		respond(exchange, status, "application/json",
				JSON.writeValueAsBytes(Map.of("id", stored.get("id"), "status", "DELIVERED")));
	}

	private int reply(String from, String body) {
		if (from == null || body == null) {
			throw new IllegalArgumentException("from and body are required");
		}
		synchronized (this) {
			this.replies.add(Map.of("from", from, "body", body, "receivedAt", Instant.now().toString()));
		}
		byte[] payload = JSON.writeValueAsBytes(Map.of("from", from, "body", body));
		String messageId = "SM" + UUID.randomUUID().toString().replace("-", "");
		String timestamp = String.valueOf(Instant.now().getEpochSecond());
		try {
			HttpRequest request = HttpRequest.newBuilder(this.webhook)
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header(MESSAGE_ID_HEADER, messageId)
				.header(TIMESTAMP_HEADER, timestamp)
				.header(SIGNATURE_HEADER, "sha256=" + sign(signedContent(timestamp, messageId, payload), this.secret))
				.POST(HttpRequest.BodyPublishers.ofByteArray(payload))
				.build();
			int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return (status >= 200 && status < 300) ? 202 : 502;
		}
		catch (IOException ex) {
			return 502;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 502;
		}
	}

	/** The HMAC-SHA256 of a payload under a secret, as hex. */
	public static String sign(byte[] payload, byte[] secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(payload));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a webhook signature covers: the timestamp and message id beside the body, so a
	 * captured call cannot be replayed later or under another id.
	 */
	public static byte[] signedContent(String timestamp, String messageId, byte[] body) {
		byte[] prefix = (timestamp + "." + messageId + ".").getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[prefix.length + body.length];
		System.arraycopy(prefix, 0, content, 0, prefix.length);
		System.arraycopy(body, 0, content, prefix.length, body.length);
		return content;
	}

	private synchronized String page() {
		StringBuilder html = new StringBuilder("""
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SMS sink</title>
				<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}
				td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}</style>
				</head><body><h1>SMS sink</h1><p>Messages the follow-up service sent, newest first.</p>
				<table><tr><th>Sent</th><th>To</th><th>From</th><th>Message</th></tr>
				""");
		for (Map<String, Object> message : messagesTo(null)) {
			html.append("<tr><td>")
				.append(escape(message.get("sentAt")))
				.append("</td><td>")
				.append(escape(message.get("to")))
				.append("</td><td>")
				.append(escape(message.get("from")))
				.append("</td><td>")
				.append(escape(message.get("body")))
				.append("</td></tr>\n");
		}
		html.append("""
				</table><h2>Reply as a patient</h2>
				<form method="post" action="/replies"><label>From <input name="from" placeholder="+15551234567"
				required></label> <label>Text <input name="body" placeholder="STOP" required></label>
				<button>Send reply</button></form><h2>Replies</h2><ul>
				""");
		for (int i = this.replies.size() - 1; i >= 0; i--) {
			Map<String, Object> reply = this.replies.get(i);
			html.append("<li>")
				.append(escape(reply.get("receivedAt")))
				.append(" ")
				.append(escape(reply.get("from")))
				.append(": ")
				.append(escape(reply.get("body")))
				.append("</li>\n");
		}
		return html.append("</ul></body></html>").toString();
	}

	private static String escape(Object value) {
		return String.valueOf(value)
			.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;");
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static Map<String, String> query(HttpExchange exchange) {
		String raw = exchange.getRequestURI().getRawQuery();
		return (raw != null) ? parse(raw) : Map.of();
	}

	private static Map<String, String> parse(String encoded) {
		Map<String, String> values = new HashMap<>();
		for (String pair : encoded.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		if (body == null) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
