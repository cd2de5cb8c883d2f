package org.ketaclinic.platform.inbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.ProofApplication;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.TestInfrastructure;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.RetryListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database outage far longer than the retry budget of a failing event (three retries,
 * under a second here) dead-letters nothing: the service's own database stops accepting
 * connections (its sessions are terminated and {@code ALLOW_CONNECTIONS} is off) while
 * events arrive, and once it is back every one of them is applied, once.
 */
@SpringBootTest(properties = "ketaclinic.consumer.transient-max-backoff=1s")
@WithInfrastructure
class DatabaseOutageIT {

	private static final String DLT = ProofApplication.TOPIC + DeadLetters.SUFFIX;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ProofApplication.Failures failures;

	@Autowired
	OutageAwareErrorHandler errorHandler;

	@Autowired
	DataSource dataSource;

	@Value("${spring.datasource.url}")
	String url;

	private final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();

	private final Set<String> recovered = ConcurrentHashMap.newKeySet();

	@AfterEach
	void databaseIsBack() throws SQLException {
		allowConnections(true);
	}

	@Test
	void eventsThatArriveDuringALongDatabaseOutageAreAllAppliedOnceItIsBackAndNoneIsDeadLettered() throws Exception {
		this.errorHandler.setRetryListeners(new RetryListener() {
			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
				if (TransientFailures.isTransient(ex)) {
					DatabaseOutageIT.this.transientFailures
						.computeIfAbsent(String.valueOf(record.key()), (k) -> new AtomicInteger())
						.incrementAndGet();
				}
			}

			@Override
			public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
				DatabaseOutageIT.this.recovered.add(String.valueOf(record.key()));
			}
		});
		// the consumer is up and applying events
		UUID warmUp = UUID.randomUUID();
		this.kafka.send(cloudEvent("outage-warm-up-" + warmUp, warmUp, 1)).join();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(effects(warmUp)).isEqualTo(1));

		allowConnections(false);
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<UUID> orders = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			UUID orderId = UUID.randomUUID();
			String key = "outage-" + run + "-" + (i % 4);
			orders.add(orderId);
			keys.add(key);
			this.kafka.send(cloudEvent(key, orderId, i)).join();
		}
		// far beyond the old budget (first try and 3 retries, then the dead-letter
		// topic): one event fails at least twice as often, and is not given up on
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.transientFailures.values().stream().mapToInt(AtomicInteger::get).max().orElse(0) >= 8);
		assertThat(this.recovered).as("nothing given up on during the outage").isEmpty();

		allowConnections(true);

		// the test's own queries share the pool, which may take a moment to reconnect
		await().atMost(Duration.ofSeconds(90))
			.ignoreExceptionsInstanceOf(CannotGetJdbcConnectionException.class)
			.untilAsserted(() -> assertThat(orders)
				.allSatisfy((orderId) -> assertThat(effects(orderId)).as("effects of order %s", orderId).isEqualTo(1)));
		assertThat(this.recovered).as("nothing dead-lettered").isEmpty();
		List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readAll(DLT, Duration.ofSeconds(10));
		assertThat(dead).noneMatch((record) -> record.key() != null && record.key().startsWith("outage-" + run));
	}

	@Test
	void everyPooledSessionHasItsStatementTimeoutBelowTheSocketTimeout() {
		assertThat(this.jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("30s");
		assertThat(this.dataSource).isInstanceOfSatisfying(HikariDataSource.class, (pool) -> {
			assertThat(String.valueOf(pool.getDataSourceProperties().get("socketTimeout"))).isEqualTo("45");
			assertThat(String.valueOf(pool.getDataSourceProperties().get("connectTimeout"))).isEqualTo("5");
			assertThat(pool.getConnectionTimeout()).isEqualTo(2000);
		});
	}

	@Test
	void anEventThatFailsOnAHealthySystemStillGoesToTheDeadLetterTopicAfterItsRetries() {
		UUID orderId = UUID.randomUUID();
		String key = "poison-after-outage-" + orderId;
		this.failures.failTimes(orderId, -1);
		this.kafka.send(cloudEvent(key, orderId, 1)).join();

		List<ConsumerRecord<String, byte[]>> dead = TopicProbe.readUntil(DLT,
				(read) -> read.stream().anyMatch((r) -> key.equals(r.key())), Duration.ofSeconds(60));
		assertThat(dead).anyMatch((r) -> key.equals(r.key()));
		assertThat(this.failures.attempts(orderId)).as("first try plus three retries").isEqualTo(4);
		assertThat(effects(orderId)).isZero();
	}

	private int effects(UUID orderId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM proof_effect WHERE order_id = ?", Integer.class, orderId);
	}

	/**
	 * Takes the service's database away (no new sessions, the open ones terminated) or
	 * gives it back, as an outage or a failover would.
	 */
	private void allowConnections(boolean allowed) throws SQLException {
		String database = this.url.substring(this.url.lastIndexOf('/') + 1);
		if (!database.matches("[a-z0-9_]+")) {
			throw new IllegalStateException("unexpected database name " + database);
		}
		TestInfrastructure infrastructure = TestInfrastructure.get();
		try (Connection admin = DriverManager.getConnection(infrastructure.jdbcUrl("postgres"),
				infrastructure.postgresUser(), infrastructure.postgresPassword());
				Statement statement = admin.createStatement()) {
			statement.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS " + allowed);
			if (!allowed) {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
						+ "' AND pid <> pg_backend_pid()");
			}
		}
	}

	private static ProducerRecord<String, byte[]> cloudEvent(String key, UUID orderId, int sequence) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes());
		headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes());
		headers.add(CloudEventHeaders.SOURCE, "/tests".getBytes());
		headers.add(CloudEventHeaders.TYPE, ProofApplication.TYPE.getBytes());
		headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes());
		return new ProducerRecord<>(ProofApplication.TOPIC, null, key,
				EventJson.mapper().writeValueAsBytes(Map.of("orderId", orderId.toString(), "sequence", sequence)),
				headers);
	}

}
