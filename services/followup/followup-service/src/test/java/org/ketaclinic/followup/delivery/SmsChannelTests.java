package org.ketaclinic.followup.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ketaclinic.followup.FollowupProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMS channel against a provider over HTTP: a provider that cannot be reached or says
 * it cannot take texts now (429, 502, 503, 504) is an outage ({@code UNAVAILABLE}), a
 * refusal of this text (other 4xx) is for good ({@code REJECTED}), any other failure is
 * tried again and counts ({@code TRY_AGAIN}). Only a request that went and got no answer
 * may have left the text with the provider.
 */
class SmsChannelTests {

	private static final Composer.Text TEXT = new Composer.Text("subject", "Your session is tomorrow", "email");

	private HttpServer provider;

	private final AtomicInteger status = new AtomicInteger(200);

	private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

	private final AtomicInteger requests = new AtomicInteger();

	@BeforeEach
	void start() throws IOException {
		this.provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.provider.createContext("/api/messages", (exchange) -> {
			this.requests.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			try {
				Thread.sleep(this.delay.get().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			int code = this.status.get();
			byte[] body = ((code == 200) ? "{\"id\":\"SM1\",\"status\":\"DELIVERED\"}" : "{\"error\":\"no\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(code, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.provider.start();
	}

	@AfterEach
	void stop() {
		this.provider.stop(0);
	}

	@Test
	void anAcceptedTextIsDeliveredWithTheProvidersId() {
		Channel.Result result = channel(this.provider.getAddress().getPort()).send("+15550001111", TEXT, "d1:SMS");

		assertThat(result.outcome()).isEqualTo(Channel.Outcome.DELIVERED);
		assertThat(result.providerId()).isEqualTo("SM1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 429, 502, 503, 504 })
	void aProviderThatCannotTakeTextsNowIsAnOutage(int code) {
		this.status.set(code);

		Channel.Result result = channel(this.provider.getAddress().getPort()).send("+15550001111", TEXT, "d2:SMS");

		assertThat(result.outcome()).isEqualTo(Channel.Outcome.UNAVAILABLE);
		assertThat(result.detail()).isEqualTo("SMS provider unavailable: answered " + code);
		assertThat(result.maybeTaken())
			.as("429 and 503: the provider refused, it has nothing; 502 and 504: a gateway passed it on")
			.isEqualTo(code == 502 || code == 504);
		assertThat(this.requests).as("one request: the dispatcher does the retrying").hasValue(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 404, 422 })
	void aTextTheProviderRefusesIsRejected(int code) {
		this.status.set(code);

		assertThat(channel(this.provider.getAddress().getPort()).send("+15550001111", TEXT, "d3:SMS").outcome())
			.isEqualTo(Channel.Outcome.REJECTED);
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 500 })
	void anyOtherFailureIsTriedAgainAndCounts(int code) {
		this.status.set(code);

		assertThat(channel(this.provider.getAddress().getPort()).send("+15550001111", TEXT, "d4:SMS").outcome())
			.isEqualTo(Channel.Outcome.TRY_AGAIN);
	}

	@Test
	void aProviderNobodyListensForIsAnOutage() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}

		Channel.Result result = channel(closed).send("+15550001111", TEXT, "d5:SMS");

		assertThat(result.outcome()).isEqualTo(Channel.Outcome.UNAVAILABLE);
		assertThat(result.detail()).isEqualTo("SMS provider unavailable: unreachable");
		assertThat(result.maybeTaken()).as("no connection: the provider has nothing").isFalse();
	}

	@Test
	void aProviderThatDoesNotAnswerInTimeIsAnOutageThatMayHaveTakenTheText() {
		this.delay.set(Duration.ofSeconds(4));

		Channel.Result result = channel(this.provider.getAddress().getPort()).send("+15550001111", TEXT, "d6:SMS");

		assertThat(result.outcome()).isEqualTo(Channel.Outcome.UNAVAILABLE);
		assertThat(result.detail()).isEqualTo("SMS provider unavailable: no answer");
		assertThat(result.maybeTaken()).as("the request went; the provider may have the text").isTrue();
	}

	private static SmsChannel channel(int port) {
		return new SmsChannel(new FollowupProperties(null, null, null, null, null, null, null, null, null, null, null,
				null, new FollowupProperties.Sms("http://127.0.0.1:" + port, null, null, null, Duration.ofSeconds(2)),
				null, null, null, null, null));
	}

}
