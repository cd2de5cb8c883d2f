package org.ketaclinic.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.ProofApplication;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class InboxIT {

	private static final String DLT = ProofApplication.TOPIC + DeadLetters.SUFFIX;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ProofApplication.Failures failures;

	@LocalServerPort
	int port;

	@Test
	void poisonMessagesGoStraightToTheDeadLetterTopicWhileTheConsumerKeepsProcessing() {
		String key = "poison-key-" + UUID.randomUUID();
		UUID schemaBreaker = UUID.randomUUID();
		// 1: not a CloudEvent at all
		this.kafka.send(new ProducerRecord<>(ProofApplication.TOPIC, key, "{not json".getBytes())).join();
		// 2: a CloudEvent whose data breaks the schema (no sequence)
		this.kafka.send(cloudEvent(key, Map.of("orderId", schemaBreaker.toString()))).join();
		// 3: a good event behind them on the same partition
		UUID good = UUID.randomUUID();
		this.kafka.send(cloudEvent(key, Map.of("orderId", good.toString(), "sequence", 3))).join();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects(good)).isEqualTo(1));
		List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(DLT,
				(read) -> read.stream().filter((r) -> key.equals(r.key())).count() >= 2, Duration.ofSeconds(30));
		List<ConsumerRecord<String, byte[]>> ours = dead.stream().filter((r) -> key.equals(r.key())).toList();
		assertThat(ours).hasSize(2);
		assertThat(ours).allSatisfy((r) -> assertThat(header(r, DeadLetters.REASON_HEADER))
			.startsWith("org.ketaclinic.platform.events.MalformedEventException: "));
		assertThat(header(ours.get(0), DeadLetters.REASON_HEADER)).contains("not a CloudEvents 1.0 message");
		assertThat(header(ours.get(1), DeadLetters.REASON_HEADER)).contains("sequence").contains("required");
		assertThat(ours).allSatisfy((r) -> assertThat(header(r, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull());
		assertThat(this.failures.attempts(schemaBreaker)).as("never handed to the handler").isZero();
	}

	@Test
	void aTransientFailureIsRetriedWithBackoffAndAppliedOnce() {
		UUID orderId = UUID.randomUUID();
		this.failures.failTimes(orderId, 2);
		record("retry-key", orderId);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects(orderId)).isEqualTo(1));
		assertThat(this.failures.attempts(orderId)).isEqualTo(3);
	}

	@Test
	void anEventThatKeepsFailingIsDeadLetteredAndAnAdministratorCanReplayItOnceFixed() {
		UUID orderId = UUID.randomUUID();
		this.failures.failTimes(orderId, -1);
		record("replay-key", orderId);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(deadLetters())
				.anySatisfy((letter) -> assertThat(letter.get("key")).isEqualTo("replay-key")));
		assertThat(this.failures.attempts(orderId)).as("first try plus three retries").isEqualTo(4);
		assertThat(effects(orderId)).isZero();
		Map<String, Object> letter = deadLetters().stream()
			.filter((l) -> "replay-key".equals(l.get("key")))
			.findFirst()
			.orElseThrow();
		assertThat(letter).containsEntry("consumerGroup", "proof-consumer")
			.containsEntry("type", ProofApplication.TYPE)
			.containsEntry("exception", "java.lang.IllegalStateException")
			.containsEntry("reason", "java.lang.IllegalStateException: simulated failure applying an event");

		this.failures.failTimes(orderId, 0);
		int onTopicBefore = TopicProbe.readAll(ProofApplication.TOPIC, Duration.ofSeconds(10)).size();
		String replayPath = replayPath(letter);
		Map<?, ?> replayed = admin().post().uri(replayPath).retrieve().body(Map.class);
		assertThat(replayed.get("replayedBy")).isEqualTo("ops-admin");
		// handed to the consumer's own listener, in the request: applied by the time it
		// answers, and nothing written to the producer's topic (which the consumer has no
		// right to write under the Kafka ACLs of infra/k8s)
		assertThat(effects(orderId)).isEqualTo(1);
		assertThat(this.failures.attempts(orderId)).isEqualTo(5);
		assertThat(TopicProbe.readAll(ProofApplication.TOPIC, Duration.ofSeconds(10))).hasSize(onTopicBefore);

		// replaying again is answered from the first replay and applies nothing
		Map<?, ?> again = admin().post().uri(replayPath).retrieve().body(Map.class);
		assertThat(again.get("replayedAt")).isEqualTo(replayed.get("replayedAt"));
		assertThat(effects(orderId)).isEqualTo(1);
		assertThat(this.failures.attempts(orderId)).isEqualTo(5);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM dead_letter_replay WHERE dlt_topic = ? AND dlt_partition = ? AND dlt_offset = ?",
				Integer.class, letter.get("topic"), ((Number) letter.get("partition")).intValue(),
				((Number) letter.get("offset")).longValue()))
			.isEqualTo(1);
	}

	@Test
	void aDeadLetterThatFailsAgainOnReplayIsAnswered409AndStaysUnreplayedUntilItIsFixed() {
		UUID orderId = UUID.randomUUID();
		this.failures.failTimes(orderId, -1);
		record("again-key", orderId);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(deadLetters())
				.anySatisfy((letter) -> assertThat(letter.get("key")).isEqualTo("again-key")));
		Map<String, Object> letter = deadLetters().stream()
			.filter((l) -> "again-key".equals(l.get("key")))
			.findFirst()
			.orElseThrow();

		// still broken: the replay is refused with the failure's class, and left to do
		var refused = admin().post()
			.uri(replayPath(letter))
			.exchange((request, response) -> Map.entry(response.getStatusCode().value(),
					new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
		assertThat(refused.getKey()).isEqualTo(409);
		assertThat(refused.getValue()).contains("java.lang.IllegalStateException")
			.contains("unreplayed")
			.as("the failure's class, never its message (it can quote the event)")
			.doesNotContain("simulated failure");
		assertThat(effects(orderId)).isZero();
		assertThat(deadLetters()).filteredOn((l) -> "again-key".equals(l.get("key")))
			.singleElement()
			.satisfies((l) -> assertThat(l.get("replayedAt")).isNull());

		// fixed: the same replay now applies it once
		this.failures.failTimes(orderId, 0);
		Map<?, ?> replayed = admin().post().uri(replayPath(letter)).retrieve().body(Map.class);
		assertThat(replayed.get("replayedBy")).isEqualTo("ops-admin");
		assertThat(effects(orderId)).isEqualTo(1);
	}

	@Test
	void anotherServicesDeadLetterOrAPositionWithoutOneIsNotFound() {
		int status = admin().post()
			.uri("/admin/dead-letters/" + DLT + "/0/999999/replay")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(404);
		status = admin().post()
			.uri("/admin/dead-letters/ketaclinic.someone-else.events.DLT/0/0/replay")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(404);
	}

	private static String replayPath(Map<String, Object> letter) {
		return "/admin/dead-letters/" + letter.get("topic") + "/" + letter.get("partition") + "/" + letter.get("offset")
				+ "/replay";
	}

	@Test
	void onlyAdministratorsSeeDeadLetters() {
		HttpStatusCode status = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/admin/dead-letters")
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("clinician-1", "CLINICIAN"))
			.exchange((request, response) -> response.getStatusCode());
		assertThat(status.value()).isEqualTo(403);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> deadLetters() {
		return admin().get().uri("/admin/dead-letters").retrieve().body(List.class);
	}

	private RestClient admin() {
		return RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer("ops-admin", "ADMIN"))
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.build();
	}

	private void record(String key, UUID orderId) {
		this.transactions.executeWithoutResult((status) -> this.outbox.record(ProofApplication.event(key, orderId, 1)));
	}

	private int effects(UUID orderId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM proof_effect WHERE order_id = ?", Integer.class, orderId);
	}

	private static ProducerRecord<String, byte[]> cloudEvent(String key, Map<String, Object> data) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes());
		headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes());
		headers.add(CloudEventHeaders.SOURCE, "/tests".getBytes());
		headers.add(CloudEventHeaders.TYPE, ProofApplication.TYPE.getBytes());
		headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes());
		return new ProducerRecord<>(ProofApplication.TOPIC, null, key, EventJson.mapper().writeValueAsBytes(data),
				headers);
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
