package org.ketaclinic.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.ProofApplication;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@WithInfrastructure
class OutboxIT {

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aRolledBackBusinessTransactionLeavesNeitherStateNorEvent() {
		UUID rolledBack = UUID.randomUUID();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("INSERT INTO proof_order (id, message_key) VALUES (?, ?)", rolledBack, "rollback-key");
			this.outbox.record(ProofApplication.event("rollback-key", rolledBack, 1));
			throw new IllegalStateException("the business rule failed after the event was recorded");
		})).isInstanceOf(IllegalStateException.class);

		UUID marker = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("INSERT INTO proof_order (id, message_key) VALUES (?, ?)", marker, "rollback-key");
			this.outbox.record(ProofApplication.event("rollback-key", marker, 2));
		});

		// the marker, committed after the rollback on the same key, arrives; the
		// rolled-back event never does
		List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(ProofApplication.TOPIC,
				(read) -> orderIds(read).contains(marker), Duration.ofSeconds(30));
		assertThat(orderIds(records)).doesNotContain(rolledBack);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM proof_order WHERE id = ?", Integer.class, rolledBack))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE subject = ?", Integer.class,
				rolledBack.toString()))
			.isZero();
	}

	@Test
	void publishedEventsAreCloudEventsInBinaryModeAsTheReferenceSdkReadsThem() {
		UUID orderId = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("INSERT INTO proof_order (id, message_key) VALUES (?, ?)", orderId, "sdk-key");
			this.outbox.record(ProofApplication.event("sdk-key", orderId, 7));
		});
		ConsumerRecord<String, byte[]> record = TopicProbe
			.readUntil(ProofApplication.TOPIC, (read) -> orderIds(read).contains(orderId), Duration.ofSeconds(30))
			.stream()
			.filter((r) -> orderId(r).equals(orderId))
			.findFirst()
			.orElseThrow();

		CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
		assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
		assertThat(event.getType()).isEqualTo("org.ketaclinic.proof.ProofEvent.v1");
		assertThat(event.getSource()).hasToString("/ketaclinic/proof");
		assertThat(event.getSubject()).isEqualTo(orderId.toString());
		assertThat(event.getId()).isNotBlank();
		assertThat(event.getTime()).isNotNull();
		assertThat(event.getDataContentType()).isEqualTo("application/json");
		assertThat(event.getDataSchema()).hasToString("urn:ketaclinic:schema:org.ketaclinic.proof.ProofEvent.v1");
		assertThat(event.getExtension("correlationid")).isNotNull();
		assertThat(record.key()).isEqualTo("sdk-key");
		JsonNode data = EventJson.mapper().readTree(event.getData().toBytes());
		assertThat(data.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(data.get("sequence").asInt()).isEqualTo(7);
	}

	@Test
	void recordingAnEventOutsideATransactionIsRefused() {
		assertThatThrownBy(() -> this.outbox.record(ProofApplication.event("k", UUID.randomUUID(), 1)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("transaction");
	}

	@Test
	void dataThatBreaksItsSchemaIsRefusedAtRecordTime() {
		OutgoingEvent invalid = new OutgoingEvent(ProofApplication.TOPIC, "k", ProofApplication.TYPE, null,
				Map.of("orderId", "not-a-uuid-and-no-sequence"));
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> this.outbox.record(invalid)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("sequence");
	}

	@Test
	void tenThousandEventsOverFiftyKeysArriveInPerKeyCommitOrder() throws Exception {
		int events = 10_000;
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			keys.add("order-key-" + i + "-" + UUID.randomUUID());
		}
		ExecutorService writers = Executors.newFixedThreadPool(8);
		List<Future<?>> done = new ArrayList<>();
		Random seeded = new Random(42);
		for (int i = 0; i < events; i++) {
			String key = keys.get(seeded.nextInt(keys.size()));
			int sequence = i;
			done.add(writers.submit(() -> this.transactions.executeWithoutResult((status) -> {
				UUID orderId = UUID.randomUUID();
				this.outbox.record(ProofApplication.event(key, orderId, sequence));
				this.jdbc.update("INSERT INTO proof_order (id, message_key) VALUES (?, ?)", orderId, key);
				// hold the transaction open a little so commits of one key interleave
				// with other writers
				if (ThreadLocalRandom.current().nextInt(4) == 0) {
					sleep(1);
				}
			})));
		}
		for (Future<?> future : done) {
			future.get();
		}
		writers.shutdown();

		List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(ProofApplication.TOPIC,
				(read) -> read.stream().filter((r) -> keys.contains(r.key())).count() >= events, Duration.ofMinutes(3));

		// the commit time of each order's transaction (track_commit_timestamp is on in
		// the test server)
		Map<UUID, Timestamp> committedAt = new HashMap<>();
		this.jdbc.query("SELECT id, pg_xact_commit_timestamp(xmin) FROM proof_order",
				(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> committedAt.put(rs.getObject(1, UUID.class),
						rs.getTimestamp(2)));
		Map<String, List<UUID>> arrivalsByKey = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			if (keys.contains(record.key())) {
				arrivalsByKey.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(orderId(record));
			}
		}
		assertThat(arrivalsByKey.values().stream().mapToInt(List::size).sum()).isEqualTo(events);
		assertThat(arrivalsByKey).hasSize(50);
		for (Map.Entry<String, List<UUID>> arrivals : arrivalsByKey.entrySet()) {
			List<Timestamp> commits = arrivals.getValue().stream().map(committedAt::get).toList();
			assertThat(commits).as("commit times of key %s in arrival order", arrivals.getKey())
				.doesNotContainNull()
				.isSorted();
			assertThat(arrivals.getValue()).as("no duplicates for key %s", arrivals.getKey()).doesNotHaveDuplicates();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static List<UUID> orderIds(List<ConsumerRecord<String, byte[]>> records) {
		return records.stream().map(OutboxIT::orderId).toList();
	}

	static UUID orderId(ConsumerRecord<String, byte[]> record) {
		String json = new String(record.value(), StandardCharsets.UTF_8);
		return UUID.fromString(EventJson.mapper().readTree(json).get("orderId").asString());
	}

}
