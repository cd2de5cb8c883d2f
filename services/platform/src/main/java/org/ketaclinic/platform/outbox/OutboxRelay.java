package org.ketaclinic.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Publishes outbox rows to Kafka in id order (per key, the commit order) with an
 * idempotent producer, then marks them published. Many instances may run; a session-level
 * PostgreSQL advisory lock makes exactly one of them active, and a standby takes over
 * within {@code standbyRetry} once the active one's database session ends. The active
 * relay sleeps on {@code LISTEN} and wakes at each commit that wrote to the outbox, or
 * after {@code pollInterval} at the latest.
 *
 * <p>
 * Delivery is at least once: a relay that dies after sending but before marking re-sends
 * those rows when it (or a standby) resumes; consumers are idempotent.
 *
 * <p>
 * A send that fails for a while (broker unreachable, timeouts, any Kafka
 * {@code RetriableException}) stops the round: the unacknowledged rows are sent again, in
 * order, until the broker takes them. A row Kafka refuses for good
 * ({@linkplain PermanentRefusals too large, an invalid or forbidden topic,
 * unserialisable}) is parked instead ({@code parked_at}, {@code park_reason}) and the
 * rows after it go on: one bad row must not stop every later event of the service. Per
 * key the order of the published events stays the commit order; a parked event is the one
 * gap in it, and it stays in the table for an operator (ADR 0016).
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	static final String CHANNEL = "ketaclinic_outbox";

	private static final String SELECT_BATCH = """
			SELECT id, event_id, topic, message_key, type, source, subject, occurred_at, data_schema, data,
				traceparent, correlation_id
			FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL ORDER BY id LIMIT ?
			""";

	private static final Duration WAKE_SLICE = Duration.ofMillis(250);

	private final ConnectionSource connections;

	private final Supplier<Producer<String, byte[]>> producers;

	private final OutboxProperties properties;

	private final String lockName;

	private final AtomicLong published = new AtomicLong();

	private final AtomicLong parked = new AtomicLong();

	private volatile boolean running;

	private volatile boolean active;

	private volatile Thread thread;

	private SendObserver sendObserver = (ids) -> {
	};

	/**
	 * @param connections opens dedicated database sessions (not pooled: the advisory lock
	 * lives as long as the session)
	 * @param producers creates Kafka producers
	 * @param properties relay settings
	 * @param name the service name; one relay is active per name and database
	 */
	public OutboxRelay(ConnectionSource connections, Supplier<Producer<String, byte[]>> producers,
			OutboxProperties properties, String name) {
		this.connections = connections;
		this.producers = producers;
		this.properties = properties;
		this.lockName = "ketaclinic.outbox.relay:" + name;
	}

	/**
	 * Producer settings of a relay: an idempotent producer waiting for all in-sync
	 * replicas, which keeps per-partition order across retries, and bounded waits so a
	 * broker outage surfaces as a retry.
	 * @param base the service's Kafka producer properties
	 * @param name the service name
	 */
	public static Map<String, Object> producerConfig(Map<String, Object> base, String name) {
		Map<String, Object> config = new HashMap<>(base);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-outbox-relay");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
		config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return config;
	}

	/**
	 * Test hook: called after a batch was sent and acknowledged, before it is marked
	 * published.
	 */
	void onSent(SendObserver observer) {
		this.sendObserver = observer;
	}

	/** Whether this instance holds the lock and publishes. */
	public boolean isActive() {
		return this.active;
	}

	/** How many events this instance has published since it started. */
	public long publishedCount() {
		return this.published.get();
	}

	/** How many rows this instance has parked since it started. */
	public long parkedCount() {
		return this.parked.get();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread relay = new Thread(this::run, "outbox-relay");
		relay.setDaemon(true);
		this.thread = relay;
		relay.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread relay = this.thread;
		if (relay != null) {
			relay.interrupt();
			try {
				relay.join(TimeUnit.SECONDS.toMillis(15));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// start after the web server and listeners, stop before them
		return Integer.MAX_VALUE - 100;
	}

	private void run() {
		while (this.running) {
			try (Connection connection = this.connections.open()) {
				while (!tryLock(connection)) {
					if (!this.running) {
						return;
					}
					pause(this.properties.standbyRetry());
				}
				this.active = true;
				log.info("Outbox relay is active");
				publishWhileActive(connection);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					log.warn("Outbox relay lost its database session; retrying in {}: {}",
							this.properties.standbyRetry(), ex.toString());
					try {
						pause(this.properties.standbyRetry());
					}
					catch (InterruptedException interrupted) {
						return;
					}
				}
			}
			finally {
				if (this.active) {
					log.info("Outbox relay is no longer active");
				}
				this.active = false;
			}
		}
	}

	private void publishWhileActive(Connection connection) throws SQLException, InterruptedException {
		try (Statement listen = connection.createStatement()) {
			listen.execute("LISTEN " + CHANNEL);
		}
		PGConnection notifications = connection.unwrap(PGConnection.class);
		Instant nextCleanup = Instant.now();
		Producer<String, byte[]> producer = this.producers.get();
		try {
			while (this.running) {
				try {
					while (this.running && publishBatch(connection, producer) == this.properties.batchSize()) {
						// a full batch: more may be waiting
					}
				}
				catch (KafkaSendFailure ex) {
					log.warn("Outbox relay could not publish; retrying: {}", ex.getCause().toString());
					producer.close(Duration.ZERO);
					producer = this.producers.get();
					pause(Duration.ofSeconds(1));
					continue;
				}
				if (Instant.now().isAfter(nextCleanup)) {
					deletePublishedPastRetention(connection);
					nextCleanup = Instant.now().plus(this.properties.cleanupInterval());
				}
				awaitNotification(connection, notifications);
			}
		}
		finally {
			producer.close(Duration.ofSeconds(5));
		}
	}

	/**
	 * Waits for a commit notification, at most pollInterval, staying responsive to
	 * stop().
	 */
	private void awaitNotification(Connection connection, PGConnection notifications)
			throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + this.properties.pollInterval().toNanos();
		while (this.running && System.nanoTime() < deadline) {
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			var received = notifications.getNotifications((int) WAKE_SLICE.toMillis());
			if (received != null && received.length > 0) {
				return;
			}
		}
		if (!connection.isValid(5)) {
			throw new SQLException("relay session is no longer valid");
		}
	}

	int publishBatch(Connection connection, Producer<String, byte[]> producer) throws SQLException {
		List<Long> ids = new ArrayList<>();
		List<Future<RecordMetadata>> sends = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement(SELECT_BATCH)) {
			select.setInt(1, this.properties.batchSize());
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getLong("id"));
					sends.add(send(producer, toRecord(rows)));
				}
			}
		}
		if (ids.isEmpty()) {
			return 0;
		}
		producer.flush();
		List<Long> done = new ArrayList<>();
		Map<Long, String> refused = new LinkedHashMap<>();
		KafkaSendFailure failure = null;
		for (int i = 0; i < sends.size(); i++) {
			try {
				sends.get(i).get();
				done.add(ids.get(i));
			}
			catch (ExecutionException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				if (PermanentRefusals.isPermanent(cause)) {
					refused.put(ids.get(i), PermanentRefusals.reason(cause));
					continue;
				}
				failure = new KafkaSendFailure(cause);
				break;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = new KafkaSendFailure(ex);
				break;
			}
		}
		// Only what precedes a failure that may pass is settled (published or parked):
		// what follows it is re-sent in order next round.
		this.sendObserver.sent(done);
		markPublished(connection, done);
		park(connection, refused);
		this.published.addAndGet(done.size());
		if (failure != null) {
			throw failure;
		}
		return ids.size();
	}

	/**
	 * Sends a record; a refusal the producer raises at once (rather than in the future)
	 * becomes a failed future, so every row is settled the same way and in order.
	 */
	private static Future<RecordMetadata> send(Producer<String, byte[]> producer,
			ProducerRecord<String, byte[]> record) {
		try {
			return producer.send(record);
		}
		catch (KafkaException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private void park(Connection connection, Map<Long, String> refused) throws SQLException {
		if (refused.isEmpty()) {
			return;
		}
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE outbox_event SET parked_at = now(), park_reason = ? WHERE id = ?")) {
			for (Map.Entry<Long, String> row : refused.entrySet()) {
				update.setString(1, row.getValue());
				update.setLong(2, row.getKey());
				update.addBatch();
				// ids and the exception only: the reason never quotes the event's data
				log.error("Outbox row {} parked: Kafka refused it for good ({}); the rows after it go on", row.getKey(),
						row.getValue());
			}
			update.executeBatch();
		}
		this.parked.addAndGet(refused.size());
	}

	private static ProducerRecord<String, byte[]> toRecord(ResultSet row) throws SQLException {
		RecordHeaders headers = new RecordHeaders();
		header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
		header(headers, CloudEventHeaders.ID, row.getString("event_id"));
		header(headers, CloudEventHeaders.SOURCE, row.getString("source"));
		header(headers, CloudEventHeaders.TYPE, row.getString("type"));
		header(headers, CloudEventHeaders.SUBJECT, row.getString("subject"));
		header(headers, CloudEventHeaders.TIME, row.getTimestamp("occurred_at").toInstant().toString());
		header(headers, CloudEventHeaders.DATA_SCHEMA, row.getString("data_schema"));
		header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
		header(headers, CloudEventHeaders.TRACEPARENT, row.getString("traceparent"));
		header(headers, CloudEventHeaders.CORRELATION_ID, row.getString("correlation_id"));
		return new ProducerRecord<>(row.getString("topic"), null, row.getString("message_key"),
				row.getString("data").getBytes(StandardCharsets.UTF_8), headers);
	}

	private static void header(RecordHeaders headers, String name, String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static void markPublished(Connection connection, List<Long> ids) throws SQLException {
		if (ids.isEmpty()) {
			return;
		}
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE outbox_event SET published_at = now() WHERE id = ANY (?)")) {
			Array array = connection.createArrayOf("bigint", ids.toArray());
			update.setArray(1, array);
			update.executeUpdate();
		}
	}

	private void deletePublishedPastRetention(Connection connection) throws SQLException {
		try (PreparedStatement delete = connection
			.prepareStatement("DELETE FROM outbox_event WHERE published_at < now() - make_interval(secs => ?)")) {
			delete.setLong(1, this.properties.retention().toSeconds());
			int deleted = delete.executeUpdate();
			if (deleted > 0) {
				log.info("Deleted {} published outbox rows past retention", deleted);
			}
		}
	}

	private boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement lock = connection
			.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
			lock.setString(1, this.lockName);
			try (ResultSet result = lock.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private void pause(Duration duration) throws InterruptedException {
		if (this.running) {
			Thread.sleep(duration.toMillis());
		}
	}

	/** Opens a dedicated database session. */
	@FunctionalInterface
	public interface ConnectionSource {

		Connection open() throws SQLException;

	}

	/**
	 * Observes acknowledged sends before they are marked (a test hook for relay crashes).
	 */
	@FunctionalInterface
	interface SendObserver {

		void sent(List<Long> ids);

	}

	private static final class KafkaSendFailure extends RuntimeException {

		KafkaSendFailure(Throwable cause) {
			super(cause);
		}

	}

}
