package org.ketaclinic.platform.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.ProofApplication;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class WebConventionsIT {

	private static final String FRONT_DESK = TestTokens.bearer("frontdesk-1", "FRONT_DESK");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IdempotencyRecordPurge purge;

	@Test
	void healthProbesAreOpenAndEverythingElseNeedsAToken() {
		Response health = call("GET", "/actuator/health/readiness", null, null, null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(health.json().at("/components/kafka/status").asString()).as("the broker is part of readiness")
			.isEqualTo("UP");

		Response anonymous = call("POST", "/api/proof/orders", order("k", 1), null, null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(anonymous.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");

		Response expired = call("POST", "/api/proof/orders", order("k", 1),
				"Bearer " + TestTokens.expired("frontdesk-1", "FRONT_DESK"), null);
		assertThat(expired.status()).isEqualTo(401);
	}

	@Test
	void aTokenNotMeantForKetaClinicIsRefusedWith401EvenWithTheRightRole() {
		for (String token : List.of(TestTokens.bearerForAnotherClient("other-1", "FRONT_DESK"),
				TestTokens.bearerForUnknownClient("reporting-1", "FRONT_DESK"),
				TestTokens.bearerOfAnotherIssuer("frontdesk-1", "FRONT_DESK"))) {
			Response refused = call("POST", "/api/proof/orders", order("other", 1), token, null);
			assertThat(refused.status()).as(token).isEqualTo(401);
			assertThat(refused.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(refused.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
		}
		assertThat(ordersWithKey("other")).isZero();

		Response roleless = call("POST", "/api/proof/orders", order("other", 1), TestTokens.bearer("nobody-1"), null);
		assertThat(roleless.status()).as("a valid token without a role").isEqualTo(403);
		assertThat(ordersWithKey("other")).isZero();
	}

	@Test
	void aRoleThatAnEndpointDoesNotDeclareIsRefusedWithAProblem() {
		Response response = call("POST", "/api/proof/orders", order("k", 1),
				TestTokens.bearer("clinician-1", "CLINICIAN"), null);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.json().get("status").asInt()).isEqualTo(403);
		assertThat(ordersWithKey("k")).isZero();
	}

	@Test
	void aCallerWithoutTheRoleGetsForbiddenEvenForAnInvalidBody() {
		Response response = call("POST", "/api/proof/orders", "{\"quantity\": \"lots\"}",
				TestTokens.bearer("clinician-1", "CLINICIAN"), null);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	@Test
	void eachInvalidFieldIsNamedByItsJsonPath() {
		Response response = call("POST", "/api/proof/orders", """
				{"key": "", "quantity": 11, "kind": "STANDARD"}""", FRONT_DESK, null);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(fields(response)).containsExactly("key", "quantity");
	}

	@Test
	void malformedJsonWrongTypesAndUnknownEnumValuesAreNamedToo() {
		assertThat(fields(call("POST", "/api/proof/orders", "{\"key\": \"k\", ", FRONT_DESK, null)))
			.containsExactly("$");
		Response wrongType = call("POST", "/api/proof/orders", """
				{"key": "k", "quantity": "three", "kind": "STANDARD"}""", FRONT_DESK, null);
		assertThat(fields(wrongType)).containsExactly("quantity");
		assertThat(wrongType.json().get("errors").get(0).get("message").asString()).contains("number")
			.doesNotContain("three");
		Response unknownEnum = call("POST", "/api/proof/orders", """
				{"key": "k", "quantity": 1, "kind": "GIGANTIC"}""", FRONT_DESK, null);
		assertThat(fields(unknownEnum)).containsExactly("kind");
		assertThat(unknownEnum.json().get("errors").get(0).get("message").asString()).contains("STANDARD");
		assertThat(fields(call("GET", "/api/proof/orders/not-a-uuid", null, FRONT_DESK, null)))
			.containsExactly("orderId");
		Response missing = call("GET", "/api/proof/orders/" + UUID.randomUUID(), null, FRONT_DESK, null);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(ordersWithKey("k")).isZero();
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyGetsTheSameResponseAndChangesNothing() {
		String key = "order-" + UUID.randomUUID();
		String body = order(key, 2);
		Response first = call("POST", "/api/proof/orders", body, FRONT_DESK, "idem-" + key);
		Response retry = call("POST", "/api/proof/orders", body, FRONT_DESK, "idem-" + key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(json(retry.body()).get("orderId")).isEqualTo(json(first.body()).get("orderId"));
		assertThat(json(retry.body()).has("key")).as("the record keeps the ids, not the rest of the body").isFalse();
		assertThat(this.jdbc.queryForObject(
				"SELECT convert_from(body, 'UTF8') FROM idempotency_record " + "WHERE idempotency_key = ?",
				String.class, "idem-" + key))
			.doesNotContain(key)
			.contains(json(first.body()).get("orderId").asString());
		assertThat(retry.headers().getLocation()).isEqualTo(first.headers().getLocation());
		assertThat(retry.headers().getFirst(IdempotencyKeyFilter.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(ordersWithKey(key)).isEqualTo(1);
		assertThat(eventsWithKey(key)).isEqualTo(1);

		Response different = call("POST", "/api/proof/orders", order(key, 3), FRONT_DESK, "idem-" + key);
		assertThat(different.status()).isEqualTo(422);
		assertThat(different.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	@Test
	void aCallerRemovedFromAClinicSinceTheCommandGetsAConflictNotTheStoredIds() {
		String key = "order-" + UUID.randomUUID();
		String body = order(key, 2);
		String bothClinics = TestTokens.bearerForClinics(List.of(TestTokens.CLINIC, TestTokens.OTHER_CLINIC),
				"frontdesk-2", "FRONT_DESK");
		Response first = call("POST", "/api/proof/orders", body, bothClinics, "moved-" + key);
		assertThat(first.status()).isEqualTo(201);
		String orderId = json(first.body()).get("orderId").asString();

		String mainOnly = TestTokens.bearerForClinics(List.of(TestTokens.CLINIC), "frontdesk-2", "FRONT_DESK");
		Response retry = call("POST", "/api/proof/orders", body, mainOnly, "moved-" + key);

		assertThat(retry.status()).isEqualTo(409);
		assertThat(retry.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(retry.json().get("type").asString()).isEqualTo(Problems.CONFLICT.toString());
		assertThat(retry.body()).doesNotContain(orderId);
		assertThat(retry.headers().getLocation()).isNull();
		assertThat(retry.headers().getFirst(IdempotencyKeyFilter.REPLAYED_HEADER)).isNull();
		assertThat(ordersWithKey(key)).as("the command did not run again").isEqualTo(1);

		Response backInBoth = call("POST", "/api/proof/orders", body, bothClinics, "moved-" + key);
		assertThat(backInBoth.status()).as("once the clinics are back, the retry is replayed").isEqualTo(201);
		assertThat(json(backInBoth.body()).get("orderId").asString()).isEqualTo(orderId);
	}

	@Test
	void aCallerWhoGainedAClinicSinceTheCommandStillGetsItsReplay() {
		String key = "order-" + UUID.randomUUID();
		String body = order(key, 1);
		Response first = call("POST", "/api/proof/orders", body,
				TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC), "frontdesk-3", "FRONT_DESK"),
				"grew-" + key);
		Response retry = call(
				"POST", "/api/proof/orders", body, TestTokens
					.bearerForClinics(List.of(TestTokens.CLINIC, TestTokens.OTHER_CLINIC), "frontdesk-3", "FRONT_DESK"),
				"grew-" + key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.headers().getFirst(IdempotencyKeyFilter.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(json(retry.body()).get("orderId")).isEqualTo(json(first.body()).get("orderId"));
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	@Test
	void aRecordOfNoKnownClinicsFromBeforeTheCheckIsNotReplayed() {
		String key = "order-" + UUID.randomUUID();
		String body = order(key, 1);
		assertThat(call("POST", "/api/proof/orders", body, FRONT_DESK, "legacy-" + key).status()).isEqualTo(201);
		this.jdbc.update("UPDATE idempotency_record SET clinics = NULL WHERE idempotency_key = ?", "legacy-" + key);

		Response retry = call("POST", "/api/proof/orders", body, FRONT_DESK, "legacy-" + key);

		assertThat(retry.status()).isEqualTo(409);
		assertThat(retry.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	@Test
	void concurrentDuplicatesOfOneCommandTakeEffectOnce() throws Exception {
		String key = "order-" + UUID.randomUUID();
		ExecutorService clients = Executors.newFixedThreadPool(6);
		List<Future<Response>> responses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Callable<Response> send = () -> call("POST", "/api/proof/orders", order(key, 1), FRONT_DESK, "same-" + key);
			responses.add(clients.submit(send));
		}
		List<String> ids = new ArrayList<>();
		for (Future<Response> response : responses) {
			assertThat(response.get().status()).isEqualTo(201);
			ids.add(json(response.get().body()).get("orderId").asString());
		}
		clients.shutdown();
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	@Test
	void anIdempotencyRecordExpiresAfterTheRetentionAndTheKeyIsThenANewCommand() {
		String key = "order-" + UUID.randomUUID();
		assertThat(call("POST", "/api/proof/orders", order(key, 1), FRONT_DESK, "old-" + key).status()).isEqualTo(201);
		this.jdbc.update(
				"UPDATE idempotency_record SET created_at = now() - interval '25 hours' " + "WHERE idempotency_key = ?",
				"old-" + key);

		assertThat(this.purge.purge()).isGreaterThanOrEqualTo(1);

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?",
				Integer.class, "old-" + key))
			.isZero();
	}

	@Test
	void aRejectedCommandLeavesItsKeyFreeForTheCorrectedRequest() {
		String key = "order-" + UUID.randomUUID();
		assertThat(call("POST", "/api/proof/orders", order(key, 99), FRONT_DESK, "fix-" + key).status()).isEqualTo(400);
		assertThat(call("POST", "/api/proof/orders", order(key, 9), FRONT_DESK, "fix-" + key).status()).isEqualTo(201);
		assertThat(ordersWithKey(key)).isEqualTo(1);
	}

	@Test
	void theCorrelationIdOfARequestTravelsWithTheEventsItCauses() {
		String key = "order-" + UUID.randomUUID();
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		Response response = RestClient.create(base())
			.post()
			.uri("/api/proof/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, FRONT_DESK)
			.header("X-Correlation-Id", "corr-" + key.substring(6, 18))
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.body(order(key, 1))
			.exchange((request, r) -> new Response(r.getStatusCode().value(), r.getHeaders(),
					new String(r.getBody().readAllBytes())));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.headers().getFirst("X-Correlation-Id")).isEqualTo("corr-" + key.substring(6, 18));

		List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(ProofApplication.TOPIC,
				(read) -> read.stream().anyMatch((r) -> key.equals(r.key())), Duration.ofSeconds(30));
		ConsumerRecord<String, byte[]> event = records.stream().filter((r) -> key.equals(r.key())).findFirst().get();
		assertThat(new String(event.headers().lastHeader(CloudEventHeaders.CORRELATION_ID).value()))
			.isEqualTo("corr-" + key.substring(6, 18));
		assertThat(new String(event.headers().lastHeader(CloudEventHeaders.TRACEPARENT).value()))
			.startsWith("00-" + traceId + "-");
	}

	private int ordersWithKey(String key) {
		return this.jdbc.queryForObject("SELECT count(*) FROM proof_order WHERE message_key = ?", Integer.class, key);
	}

	private int eventsWithKey(String key) {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE message_key = ?", Integer.class, key);
	}

	private static String order(String key, int quantity) {
		return EventJson.mapper().writeValueAsString(Map.of("key", key, "quantity", quantity, "kind", "STANDARD"));
	}

	private static List<String> fields(Response response) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		return fields;
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private Response call(String method, String path, String body, String authorization, String idempotencyKey) {
		var request = RestClient.create(base()).method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (idempotencyKey != null) {
			request.header(IdempotencyKeyFilter.HEADER, idempotencyKey);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
				new String(response.getBody().readAllBytes())));
	}

	private static JsonNode json(String body) {
		return EventJson.mapper().readTree(body);
	}

	record Response(int status, HttpHeaders headers, String body) {

		String contentType() {
			return (this.headers.getContentType() != null) ? this.headers.getContentType().toString() : null;
		}

		JsonNode json() {
			return EventJson.mapper().readTree(this.body);
		}

	}

}
