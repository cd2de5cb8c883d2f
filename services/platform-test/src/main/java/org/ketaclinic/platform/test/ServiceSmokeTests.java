package org.ketaclinic.platform.test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service on the platform must do once started on real infrastructure: report
 * healthy, have migrated its database, create its topic, and refuse unauthenticated or
 * unauthorised calls with problem details. Each service's smoke test extends this with
 * its own topic and API path.
 */
public abstract class ServiceSmokeTests {

	private final String topic;

	private final String apiPath;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	protected ServiceSmokeTests(String topic, String apiPath) {
		this.topic = topic;
		this.apiPath = apiPath;
	}

	@Test
	void reportsLiveAndReadyWithoutAToken() {
		assertThat(get("/actuator/health/liveness", null)).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness", null)).contains("\"status\":\"UP\"");
	}

	@Test
	void migratedThePlatformTablesIntoItsOwnDatabase() {
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM platform_schema_history WHERE success", Integer.class))
			.isPositive();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox_event", Integer.class)).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class))
			.isPositive();
	}

	@Test
	void createdItsEventTopic() {
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(admin.listTopics().names().get()).contains(this.topic));
			Set<String> names = admin.listTopics().names().get();
			assertThat(names).contains(this.topic);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void refusesItsApiWithoutATokenAndAdministrationWithoutTheAdminRole() {
		assertThat(status(this.apiPath + "anything", null)).isEqualTo(401);
		assertThat(status("/admin/dead-letters", TestTokens.bearer("frontdesk-1", "FRONT_DESK"))).isEqualTo(403);
		assertThat(status("/admin/dead-letters", TestTokens.bearer("admin-1", "ADMIN"))).isEqualTo(200);
	}

	@Test
	void publishesItsOpenApiDocumentWithTheRolesOfEveryOperation() {
		String document = get("/v3/api-docs", null);
		assertThat(document).contains("\"openapi\"").contains("\"bearer\"");
		assertThat(document).as("every operation documents its roles or that it is public").contains("\"x-roles\"");
		assertThat(document).contains("\"" + this.apiPath);
		assertThat(document).as("Try it out goes through the gateway").contains("\"description\":\"the gateway\"");
	}

	@Test
	void addressesTheContainerOrFirewallRefusesStillAnswerAsProblems() throws Exception {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		for (String path : java.util.List.of("x%3B%20DROP", "..%2F..%2Fetc%2Fpasswd", "x%00y")) {
			java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + this.port + this.apiPath + path))
				.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("admin-1", "ADMIN"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isBetween(400, 499);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).as(path).doesNotContain("Tomcat").doesNotContain("Exception");
		}
	}

	private String get(String path, String authorization) {
		return client(authorization).get().uri(path).retrieve().body(String.class);
	}

	private int status(String path, String authorization) {
		return client(authorization).get().uri(path).exchange((request, response) -> {
			if (response.getStatusCode().isError()) {
				assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
			}
			return response.getStatusCode().value();
		});
	}

	private RestClient client(String authorization) {
		RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + this.port);
		if (authorization != null) {
			builder.defaultHeader(HttpHeaders.AUTHORIZATION, authorization);
		}
		return builder.build();
	}

}
