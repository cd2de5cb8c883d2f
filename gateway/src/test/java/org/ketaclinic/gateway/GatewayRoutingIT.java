package org.ketaclinic.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of a real HTTP server standing in for the intake service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

	private static final List<String> received = new CopyOnWriteArrayList<>();

	private static final HttpServer intake = start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		registry.add("ketaclinic.intake-uri", () -> "http://localhost:" + intake.getAddress().getPort());
		// the same stand-in answers for follow-up, to see the patients' check-in links
		// routed
		registry.add("ketaclinic.followup-uri", () -> "http://localhost:" + intake.getAddress().getPort());
		// and for interop, to see the FHIR base routed
		registry.add("ketaclinic.interop-uri", () -> "http://localhost:" + intake.getAddress().getPort());
		registry.add("spring.data.redis.port", TestRedis::port);
	}

	@AfterAll
	static void stop() {
		intake.stop(0);
	}

	@Test
	void forwardsApiPathsToTheirServiceWithHeadersIntact() {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/api/intake/submissions?status=SUBMITTED")
			.header("Authorization", "Bearer a-token")
			.retrieve()
			.body(String.class);
		assertThat(body).isEqualTo("intake answered");
		assertThat(received).contains("GET /api/intake/submissions?status=SUBMITTED Bearer a-token");
	}

	@Test
	void routesAPatientsCheckInLinkToFollowUpWithoutAToken() {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/checkin/a1b2c3")
			.retrieve()
			.body(String.class);
		assertThat(body).isEqualTo("intake answered");
		assertThat(received).contains("GET /checkin/a1b2c3 null");
	}

	@Test
	void routesTheFhirBaseToInteropWithTheCallersToken() {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/fhir/r4/Patient?family=Lovelace")
			.header("Authorization", "Bearer an-ehr-token")
			.retrieve()
			.body(String.class);
		assertThat(body).isEqualTo("intake answered");
		assertThat(received).contains("GET /fhir/r4/Patient?family=Lovelace Bearer an-ehr-token");
	}

	@Test
	void reportsReadyAndServesTheLandingPage() {
		RestClient client = RestClient.create("http://localhost:" + this.port);
		assertThat(client.get().uri("/actuator/health/readiness").retrieve().body(String.class))
			.contains("\"status\":\"UP\"");
		assertThat(client.get().uri("/").retrieve().body(String.class)).contains("<h1>KetaClinic</h1>");
	}

	private static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", (exchange) -> {
				received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
						+ exchange.getRequestHeaders().getFirst("Authorization"));
				byte[] answer = "intake answered".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
