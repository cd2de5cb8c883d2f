package org.ketaclinic.smssink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSinkTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<String> webhookCalls = new CopyOnWriteArrayList<>();

	private HttpServer webhook;

	private SmsSink sink;

	@BeforeEach
	void start() throws IOException {
		this.webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.webhook.createContext("/inbound", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.webhookCalls.add(exchange.getRequestHeaders().getFirst(SmsSink.SIGNATURE_HEADER) + " "
					+ exchange.getRequestHeaders().getFirst(SmsSink.TIMESTAMP_HEADER) + " "
					+ exchange.getRequestHeaders().getFirst(SmsSink.MESSAGE_ID_HEADER) + " "
					+ new String(body, StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.webhook.start();
		this.sink = SmsSink.start(0, URI.create("http://127.0.0.1:" + this.webhook.getAddress().getPort() + "/inbound"),
				"s3cret", "k3y", "+1555000");
	}

	@AfterEach
	void stop() {
		this.sink.close();
		this.webhook.stop(0);
	}

	@Test
	void aResendWithTheSameIdempotencyKeyIsStoredOnce() throws Exception {
		HttpResponse<String> first = send("+15551234567", "See you Monday", "key-1");
		HttpResponse<String> again = send("+15551234567", "See you Monday", "key-1");
		send("+15551234567", "See you Wednesday", "key-2");

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		String listed = get("/api/messages?to=%2B15551234567").body();
		assertThat(listed).containsOnlyOnce("See you Monday");
		assertThat(listed.indexOf("Wednesday")).isLessThan(listed.indexOf("Monday"));
		assertThat(get("/").body()).contains("See you Wednesday");
		assertThat(get("/api/stats").body()).contains("\"messages\":2").contains("\"repeatedKeys\":1");
	}

	@Test
	void anUnreachableNumberIsRejectedAndAFaultIsTemporary() throws Exception {
		assertThat(send("+15550001111", "Hello", "k").statusCode()).isEqualTo(422);
		this.sink.failNext(1);
		assertThat(send("+15551234567", "Hello", "k2").statusCode()).isEqualTo(503);
		assertThat(send("+15551234567", "Hello", "k2").statusCode()).isEqualTo(201);
		assertThat(this.sink.messagesTo("+15550001111")).isEmpty();
	}

	@Test
	void aReplyReachesTheWebhookSigned() throws Exception {
		String payload = "{\"from\":\"+15551234567\",\"body\":\"STOP\"}";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.sink.port() + "/api/replies"))
				.POST(HttpRequest.BodyPublishers.ofString(payload))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(this.webhookCalls).hasSize(1);
		String[] call = this.webhookCalls.get(0).split(" ", 4);
		String timestamp = call[1];
		String messageId = call[2];
		String body = call[3];
		assertThat(body).contains("\"body\":\"STOP\"").contains("+15551234567");
		assertThat(Long.parseLong(timestamp)).isCloseTo(java.time.Instant.now().getEpochSecond(),
				org.assertj.core.data.Offset.offset(10L));
		assertThat(messageId).startsWith("SM");
		assertThat(call[0]).as("the signature covers the timestamp and the message id")
			.isEqualTo("sha256="
					+ SmsSink.sign(SmsSink.signedContent(timestamp, messageId, body.getBytes(StandardCharsets.UTF_8)),
							"s3cret".getBytes(StandardCharsets.UTF_8)))
			.isNotEqualTo("sha256="
					+ SmsSink.sign(body.getBytes(StandardCharsets.UTF_8), "s3cret".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aSendWithoutTheProvidersApiKeyIsRefused() throws Exception {
		HttpResponse<String> anonymous = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.sink.port() + "/api/messages"))
				.POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+15551234567\",\"body\":\"Hi\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(this.sink.messagesTo("+15551234567")).isEmpty();
	}

	private HttpResponse<String> send(String to, String body, String key) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.sink.port() + "/api/messages"))
				.header("Idempotency-Key", key)
				.header("Authorization", "Bearer k3y")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"to\":\"" + to + "\",\"from\":\"Clinic\",\"body\":\"" + body + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.sink.port() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
