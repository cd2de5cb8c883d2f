package org.ketaclinic.platform.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.ProofApplication;
import org.ketaclinic.platform.health.OutboxHealthIndicator;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A row Kafka refuses for good (here: larger than the producer's
 * {@code max.request.size}, 1 MiB) is parked with the reason, and the rows after it, of
 * its key and of others, are published.
 */
@SpringBootTest
@WithInfrastructure
class OutboxParkingIT {

	private static final String INSERT_RAW = """
			INSERT INTO outbox_event (event_id, topic, message_key, type, source, subject, occurred_at, data)
			VALUES (?, ?, ?, ?, '/tests', ?, now(), ?)
			""";

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	OutboxHealthIndicator health;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRowKafkaRefusesIsParkedWithItsReasonAndTheRowsAfterItArriveInOrder() {
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		String key = "parking-key-" + UUID.randomUUID();
		String otherKey = "parking-other-" + UUID.randomUUID();
		UUID before = UUID.randomUUID();
		UUID refused = UUID.randomUUID();
		UUID after = UUID.randomUUID();
		UUID otherAfter = UUID.randomUUID();
		String tooLarge = "{\"orderId\":\"" + refused + "\",\"sequence\":2,\"padding\":\"" + "x".repeat(1_100_000)
				+ "\"}";
		this.transactions.executeWithoutResult((status) -> {
			this.outbox.record(ProofApplication.event(key, before, 1));
			this.jdbc.update(INSERT_RAW, UUID.randomUUID().toString(), ProofApplication.TOPIC, key,
					ProofApplication.TYPE, refused.toString(), tooLarge);
			this.outbox.record(ProofApplication.event(key, after, 3));
			this.outbox.record(ProofApplication.event(otherKey, otherAfter, 1));
		});

		List<ConsumerRecord<String, byte[]>> records = TopicProbe.readUntil(ProofApplication.TOPIC,
				(read) -> ours(read, key, otherKey).containsAll(List.of(after, otherAfter)), Duration.ofSeconds(60));
		List<UUID> ofKey = records.stream().filter((r) -> key.equals(r.key())).map(OutboxIT::orderId).toList();
		assertThat(ofKey).as("the refused event is the one gap, order kept").containsExactly(before, after);

		Map<String, Object> parked = this.jdbc.queryForMap(
				"SELECT parked_at, park_reason, published_at FROM outbox_event WHERE subject = ?", refused.toString());
		assertThat(parked.get("parked_at")).isNotNull();
		assertThat(parked.get("published_at")).isNull();
		assertThat((String) parked.get("park_reason"))
			.startsWith("org.apache.kafka.common.errors.RecordTooLargeException: ")
			.contains("max.request.size")
			.doesNotContain("xxxx");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox_event WHERE subject IN (?, ?, ?) AND published_at IS NOT NULL",
				Integer.class, before.toString(), after.toString(), otherAfter.toString()))
			.isEqualTo(3);

		Health outboxHealth = this.health.health();
		assertThat(outboxHealth.getStatus()).isEqualTo(Status.DOWN);
		assertThat(outboxHealth.getDetails()).containsEntry("parked", 1).containsEntry("waiting", 0);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.meters.get("ketaclinic.outbox.parked").gauge().value()).isEqualTo(1.0);
			assertThat(this.meters.get("ketaclinic.outbox.backlog").gauge().value()).as("a parked row is not backlog")
				.isZero();
		});

		// later events are not held up by the parked row either
		UUID later = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> this.outbox.record(ProofApplication.event(key, later, 4)));
		TopicProbe.readUntil(ProofApplication.TOPIC, (read) -> ours(read, key).contains(later), Duration.ofSeconds(30));
	}

	/**
	 * Order ids of this test's records (other tests put records on the topic that are no
	 * JSON).
	 */
	private static List<UUID> ours(List<ConsumerRecord<String, byte[]>> records, String... keys) {
		List<String> wanted = List.of(keys);
		return records.stream().filter((r) -> wanted.contains(r.key())).map(OutboxIT::orderId).toList();
	}

}
