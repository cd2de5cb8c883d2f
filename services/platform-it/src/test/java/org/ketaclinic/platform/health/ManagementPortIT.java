package org.ketaclinic.platform.health;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings of every service in Kubernetes (issue 19): actuator on a management port
 * of its own, readiness made of the database alone, and a broker that does not answer.
 * The instance stays ready, says the broker is down on {@code /actuator/health} and in
 * {@code ketaclinic_kafka_up}, and its metrics are scraped without a token on the
 * management port while the API port's authentication is unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.allow-bean-definition-overriding=true", "management.server.port=0",
				"management.endpoint.health.show-components=always",
				"management.endpoint.health.group.readiness.include=readinessState,db",
				"management.endpoints.web.exposure.include=health,info,prometheus" })
@WithInfrastructure
class ManagementPortIT {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void aBrokerThatIsGoneLeavesTheInstanceReadyAndIsReportedOnItsOwn() throws Exception {
		HttpResponse<String> readiness = get(this.managementPort, "/actuator/health/readiness", null);
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
		JsonNode ready = JSON.readTree(readiness.body());
		assertThat(ready.get("status").asString()).isEqualTo("UP");
		assertThat(ready.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(ready.at("/components").has("kafka")).as("the broker is not part of readiness").isFalse();

		HttpResponse<String> health = get(this.managementPort, "/actuator/health", null);
		assertThat(health.statusCode()).isEqualTo(503);
		JsonNode overall = JSON.readTree(health.body());
		assertThat(overall.at("/components/kafka/status").asString()).isEqualTo("DOWN");
		assertThat(overall.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(overall.at("/components/kafka").has("details")).as("statuses only").isFalse();
	}

	@Test
	void prometheusScrapesTheManagementPortWithoutATokenAndSeesTheBrokerDown() throws Exception {
		HttpResponse<String> scrape = get(this.managementPort, "/actuator/prometheus", null);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).containsPattern("(?m)^ketaclinic_kafka_up(\\{[^}]*\\})? 0\\.0$")
			.contains("ketaclinic_outbox_backlog")
			.contains("hikaricp_connections_max");
		// the names the PrometheusRules may use (infra/deploy's MonitoringManifestsTests)
		Path captured = Path.of("target", "actuator-prometheus.txt");
		Files.createDirectories(captured.getParent());
		Files.writeString(captured, scrape.body());
	}

	@Test
	void theApiPortKeepsItsAuthenticationAndServesNoActuatorEndpoint() throws Exception {
		assertThat(get(this.port, "/actuator/prometheus", null).statusCode()).as("no token").isEqualTo(401);
		assertThat(get(this.port, "/actuator/health/readiness", null).statusCode()).as("not served here")
			.isEqualTo(404);
		assertThat(get(this.port, "/actuator/prometheus", TestTokens.bearer("admin-1", "ADMIN")).statusCode())
			.as("not served on the API port, even to an administrator")
			.isEqualTo(404);
		assertThat(get(this.port, "/api/proof/orders/" + java.util.UUID.randomUUID(), null).statusCode())
			.as("the API still needs a token")
			.isEqualTo(401);
		assertThat(get(this.managementPort, "/api/proof/orders/" + java.util.UUID.randomUUID(), null).statusCode())
			.as("the management port serves no API")
			.isEqualTo(404);
	}

	private static HttpResponse<String> get(int port, String path, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(15));
		if (bearer != null) {
			request.header("Authorization", bearer);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A broker nobody answers on, in place of the platform's
	 * {@code kafkaHealthIndicator}: the one this test's instance checks.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class BrokerGone {

		@Bean
		KafkaHealthIndicator kafkaHealthIndicator() throws Exception {
			int closedPort;
			try (ServerSocket socket = new ServerSocket(0)) {
				closedPort = socket.getLocalPort();
			}
			return new KafkaHealthIndicator(
					Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort),
					Duration.ofSeconds(1));
		}

	}

}
