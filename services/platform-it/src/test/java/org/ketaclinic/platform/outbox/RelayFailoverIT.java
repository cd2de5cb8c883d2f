package org.ketaclinic.platform.outbox;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.ProofApplication;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Relays started by hand (the application's own relay is off), so each test controls
 * which relays run and when one dies.
 */
@SpringBootTest(properties = "ketaclinic.outbox.relay-enabled=false")
@WithInfrastructure
class RelayFailoverIT {

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	OutboxProperties properties;

	private final List<OutboxRelay> relays = new java.util.ArrayList<>();

	@AfterEach
	void stopRelays() {
		this.relays.forEach(OutboxRelay::stop);
	}

	@Test
	void aRelayKilledAfterSendingButBeforeMarkingResendsAndTheConsumerAppliesTheEventOnce() {
		UUID orderId = recordOrder("crash-key");
		AtomicBoolean crashed = new AtomicBoolean();
		OutboxRelay doomed = relay();
		doomed.onSent((ids) -> {
			if (!ids.isEmpty() && crashed.compareAndSet(false, true)) {
				throw new ProcessKilled();
			}
		});
		doomed.start();

		await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).untilTrue(crashed);
		await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !doomed.isActive());
		assertThat(unpublished(orderId)).as("the dead relay never marked the row").isTrue();

		relay().start();

		List<ConsumerRecord<String, byte[]>> copies = TopicProbe.readUntil(ProofApplication.TOPIC,
				(read) -> OutboxIT.orderIds(read).stream().filter(orderId::equals).count() >= 2,
				Duration.ofSeconds(30));
		List<String> eventIds = copies.stream()
			.filter((r) -> OutboxIT.orderId(r).equals(orderId))
			.map((r) -> new String(r.headers().lastHeader(CloudEventHeaders.ID).value()))
			.toList();
		assertThat(eventIds).as("the same event was sent twice").hasSize(2).containsOnly(eventIds.get(0));
		await().atMost(Duration.ofSeconds(30)).until(() -> !unpublished(orderId));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(effects(orderId)).as("applied once").isEqualTo(1));
		// later deliveries of the duplicate change nothing
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> effects(orderId) == 1);
	}

	@Test
	void withTwoRelaysOnlyOnePublishesAndTheOtherTakesOverWhenItStops() {
		OutboxRelay first = relay();
		OutboxRelay second = relay();
		first.start();
		await().atMost(Duration.ofSeconds(10)).until(first::isActive);
		second.start();

		UUID before = recordOrder("failover-key");
		TopicProbe.readUntil(ProofApplication.TOPIC, (read) -> OutboxIT.orderIds(read).contains(before),
				Duration.ofSeconds(30));
		assertThat(first.isActive()).isTrue();
		assertThat(second.isActive()).isFalse();
		assertThat(first.publishedCount()).isPositive();
		assertThat(second.publishedCount()).isZero();

		long stoppedAt = System.nanoTime();
		first.stop();
		UUID after = recordOrder("failover-key");
		TopicProbe.readUntil(ProofApplication.TOPIC, (read) -> OutboxIT.orderIds(read).contains(after),
				Duration.ofSeconds(30));
		Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);

		assertThat(second.isActive()).isTrue();
		assertThat(second.publishedCount()).isPositive();
		assertThat(takeover).as("time until the standby published").isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void publishedRowsAreDeletedOnceTheirRetentionHasPassed() {
		OutboxProperties noRetention = new OutboxProperties(true, 500, Duration.ofMillis(300), Duration.ofMillis(300),
				Duration.ZERO, Duration.ofMillis(200));
		UUID orderId = recordOrder("retention-key");
		var config = OutboxRelay.producerConfig(this.kafka.buildProducerProperties(), "proof");
		OutboxRelay relay = new OutboxRelay(
				() -> DriverManager.getConnection(this.database.getJdbcUrl(), this.database.getUsername(),
						this.database.getPassword()),
				() -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), noRetention,
				"proof");
		this.relays.add(relay);
		relay.start();

		TopicProbe.readUntil(ProofApplication.TOPIC, (read) -> OutboxIT.orderIds(read).contains(orderId),
				Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE subject = ?", Integer.class,
					orderId.toString()) == 0);
	}

	@Test
	void publishedRowsAreKeptWithinTheirRetention() {
		UUID orderId = recordOrder("kept-key");
		relay().start();
		TopicProbe.readUntil(ProofApplication.TOPIC, (read) -> OutboxIT.orderIds(read).contains(orderId),
				Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(10)).until(() -> !unpublished(orderId));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE subject = ?", Integer.class,
				orderId.toString()))
			.as("kept for replay for seven days by default")
			.isEqualTo(1);
	}

	private UUID recordOrder(String key) {
		UUID orderId = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("INSERT INTO proof_order (id, message_key) VALUES (?, ?)", orderId, key);
			this.outbox.record(ProofApplication.event(key, orderId, 1));
		});
		return orderId;
	}

	private boolean unpublished(UUID orderId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT published_at IS NULL FROM outbox_event WHERE subject = ?", Boolean.class, orderId.toString()));
	}

	private int effects(UUID orderId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM proof_effect WHERE order_id = ?", Integer.class, orderId);
	}

	private OutboxRelay relay() {
		var config = OutboxRelay.producerConfig(this.kafka.buildProducerProperties(), "proof");
		OutboxRelay relay = new OutboxRelay(
				() -> DriverManager.getConnection(this.database.getJdbcUrl(), this.database.getUsername(),
						this.database.getPassword()),
				() -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), this.properties,
				"proof");
		this.relays.add(relay);
		return relay;
	}

	/** Stands in for the relay's process dying between the send and the update. */
	private static final class ProcessKilled extends Error {

	}

}
