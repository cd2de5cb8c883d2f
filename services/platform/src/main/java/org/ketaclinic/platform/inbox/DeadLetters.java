package org.ketaclinic.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.web.ConflictException;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists the dead letters of this service's consumer group and replays them through the
 * service's own listener of their original topic ({@link ListenerRedelivery}), never by
 * writing to another service's topic. A replay is recorded in the same transaction as the
 * event's effects: replaying the same dead letter again is a no-op that answers the first
 * replay, and a replay cut short (the service killed, the database gone) left nothing
 * behind and can simply be repeated. A dead letter that fails again stays unreplayed and
 * is answered 409 naming the failure.
 */
public class DeadLetters {

	/** Suffix of dead-letter topics. */
	public static final String SUFFIX = ".DLT";

	/** Header with the root cause of a dead letter: its class and message. */
	public static final String REASON_HEADER = "ketaclinic_dlt-reason";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final ListenerRedelivery redelivery;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final List<String> consumedTopics;

	private final String consumerGroup;

	public DeadLetters(Supplier<Consumer<String, byte[]>> consumers, ListenerRedelivery redelivery, JdbcTemplate jdbc,
			TransactionTemplate transactions, List<String> consumedTopics, String consumerGroup) {
		this.consumers = consumers;
		this.redelivery = redelivery;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.consumedTopics = List.copyOf(consumedTopics);
		this.consumerGroup = consumerGroup;
	}

	/** The newest dead letters of this service's consumer group, newest first. */
	public List<DeadLetter> list(int limit) {
		List<DeadLetter> letters = new ArrayList<>();
		try (Consumer<String, byte[]> consumer = this.consumers.get()) {
			for (String topic : this.consumedTopics) {
				for (ConsumerRecord<String, byte[]> record : readAll(consumer, topic + SUFFIX)) {
					DeadLetter letter = describe(record);
					if (this.consumerGroup == null || this.consumerGroup.equals(letter.consumerGroup())) {
						letters.add(letter);
					}
				}
			}
		}
		Map<String, DeadLetter> replays = replays();
		return letters.stream()
			.map((letter) -> Optional.ofNullable(replays.get(position(letter)))
				.map((replay) -> letter.replayed(replay.replayedAt(), replay.replayedBy()))
				.orElse(letter))
			.sorted(Comparator.comparing(DeadLetter::failedAt).reversed())
			.limit(limit)
			.toList();
	}

	/**
	 * Hands a dead letter, with its original key, value and headers, to this service's
	 * listener of its original topic, in one transaction with the record of the replay.
	 * The listener's inbox skips an event its group had processed after all; versioned
	 * consumers ignore one older than what they hold.
	 * @return the dead letter, marked replayed; empty if there is no such dead letter of
	 * this service
	 * @throws ConflictException if the event fails again for a reason of its own (it
	 * stays unreplayed)
	 */
	public Optional<DeadLetter> replay(String topic, int partition, long offset, String by) {
		if (!isDeadLetterTopic(topic)) {
			return Optional.empty();
		}
		try {
			// read before the transaction: no database connection is held while the
			// broker answers
			Optional<ConsumerRecord<String, byte[]>> record;
			try (Consumer<String, byte[]> consumer = this.consumers.get()) {
				record = readOne(consumer, new TopicPartition(topic, partition), offset);
			}
			if (record.isEmpty()) {
				return Optional.empty();
			}
			DeadLetter letter = describe(record.get());
			if ((this.consumerGroup != null && !this.consumerGroup.equals(letter.consumerGroup()))
					|| !this.redelivery.listensTo(letter.originalTopic(), this.consumerGroup)) {
				return Optional.empty();
			}
			return Optional.of(this.transactions.execute((status) -> replayInTransaction(record.get(), letter, by)));
		}
		catch (RuntimeException ex) {
			if (TransientFailures.isTransient(ex)) {
				// answered 503 (ProblemDetailsAdvice): replay it again once the database
				// or the broker is back
				throw new org.springframework.dao.DataAccessResourceFailureException(
						"A dead-letter replay found the database or the broker unavailable ("
								+ rootCause(ex).getClass().getName() + ")",
						ex);
			}
			// the class only, whatever threw it (a listener's own conflict included): a
			// failure's message can quote the event's data
			throw new ConflictException("The dead letter failed again (" + rootCause(ex).getClass().getName()
					+ "); it stays on " + topic + " unreplayed");
		}
	}

	/**
	 * Records the replay and hands the event to the listener, unless it was replayed
	 * before (the insert is the lock: a concurrent replay of the same dead letter waits
	 * for this one and then finds it done).
	 */
	private DeadLetter replayInTransaction(ConsumerRecord<String, byte[]> record, DeadLetter letter, String by) {
		int claimed = this.jdbc.update("""
				INSERT INTO dead_letter_replay (dlt_topic, dlt_partition, dlt_offset, replayed_by)
				VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
				""", record.topic(), record.partition(), record.offset(), by);
		if (claimed == 1) {
			this.redelivery.redeliver(toOriginal(record, letter.originalTopic()), this.consumerGroup);
			this.jdbc.update("""
					UPDATE dead_letter_replay SET event_id = ?
					WHERE dlt_topic = ? AND dlt_partition = ? AND dlt_offset = ?
					""", letter.eventId(), record.topic(), record.partition(), record.offset());
		}
		DeadLetter replay = replays().get(position(letter));
		return letter.replayed(replay.replayedAt(), replay.replayedBy());
	}

	/** The reason header of a failure: the root cause's class and message. */
	public static Headers reasonHeaders(Exception failure) {
		Throwable root = rootCause(failure);
		String reason = root.getClass().getName() + ": " + root.getMessage();
		RecordHeaders headers = new RecordHeaders();
		headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	private boolean isDeadLetterTopic(String topic) {
		return this.consumedTopics.stream().anyMatch((consumed) -> (consumed + SUFFIX).equals(topic));
	}

	/**
	 * The record as its listener first received it: its original topic, partition and
	 * offset, without the dead-letter headers.
	 */
	private static ConsumerRecord<String, byte[]> toOriginal(ConsumerRecord<String, byte[]> record,
			String originalTopic) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-")) {
				headers.add(header);
			}
		}
		int partition = intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION, record.partition());
		long offset = longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET, record.offset());
		long timestamp = longHeader(record, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, record.timestamp());
		return new ConsumerRecord<>(originalTopic, partition, offset, timestamp, TimestampType.CREATE_TIME, -1, -1,
				record.key(), record.value(), headers, Optional.empty());
	}

	/** Spring Kafka writes the original partition as 4 bytes, offset and time as 8. */
	private static int intHeader(ConsumerRecord<String, byte[]> record, String name, int otherwise) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null && header.value().length == Integer.BYTES)
				? java.nio.ByteBuffer.wrap(header.value()).getInt() : otherwise;
	}

	private static long longHeader(ConsumerRecord<String, byte[]> record, String name, long otherwise) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null && header.value().length == Long.BYTES)
				? java.nio.ByteBuffer.wrap(header.value()).getLong() : otherwise;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private Map<String, DeadLetter> replays() {
		Map<String, DeadLetter> replays = new HashMap<>();
		this.jdbc.query("SELECT dlt_topic, dlt_partition, dlt_offset, replayed_by, replayed_at FROM dead_letter_replay",
				(RowCallbackHandler) (rs) -> {
					DeadLetter replay = new DeadLetter(rs.getString(1), rs.getInt(2), rs.getLong(3), null, null, null,
							null, null, null, null, null, rs.getTimestamp(5).toInstant(), rs.getString(4));
					replays.put(position(replay), replay);
				});
		return replays;
	}

	private static String position(DeadLetter letter) {
		return letter.topic() + "/" + letter.partition() + "/" + letter.offset();
	}

	private static DeadLetter describe(ConsumerRecord<String, byte[]> record) {
		String originalTopic = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
		if (originalTopic == null) {
			originalTopic = record.topic().substring(0, record.topic().length() - SUFFIX.length());
		}
		return new DeadLetter(record.topic(), record.partition(), record.offset(), originalTopic,
				text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP), record.key(),
				text(record, CloudEventHeaders.ID), text(record, CloudEventHeaders.TYPE), rootCause(record),
				text(record, REASON_HEADER), Instant.ofEpochMilli(record.timestamp()), null, null);
	}

	private static String rootCause(ConsumerRecord<String, byte[]> record) {
		String reason = text(record, REASON_HEADER);
		if (reason != null && reason.contains(":")) {
			return reason.substring(0, reason.indexOf(':'));
		}
		String cause = text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
		return (cause != null) ? cause : text(record, KafkaHeaders.DLT_EXCEPTION_FQCN);
	}

	private static String text(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header == null || header.value() == null) ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	private static List<ConsumerRecord<String, byte[]>> readAll(Consumer<String, byte[]> consumer, String topic) {
		List<PartitionInfo> partitions = consumer.partitionsFor(topic, READ_TIMEOUT);
		if (partitions == null || partitions.isEmpty()) {
			return List.of();
		}
		List<TopicPartition> assigned = partitions.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		consumer.assign(assigned);
		consumer.seekToBeginning(assigned);
		Map<TopicPartition, Long> end = consumer.endOffsets(assigned, READ_TIMEOUT);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
		while (!reached(consumer, end) && System.nanoTime() < deadline) {
			consumer.poll(Duration.ofMillis(200)).forEach(records::add);
		}
		consumer.unsubscribe();
		return records;
	}

	private static boolean reached(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
	}

	private static Optional<ConsumerRecord<String, byte[]>> readOne(Consumer<String, byte[]> consumer,
			TopicPartition partition, long offset) {
		List<PartitionInfo> partitions = consumer.partitionsFor(partition.topic(), READ_TIMEOUT);
		if (partitions == null || partitions.stream().noneMatch((info) -> info.partition() == partition.partition())) {
			return Optional.empty();
		}
		consumer.assign(List.of(partition));
		Long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
		if (offset < 0 || end == null || offset >= end) {
			return Optional.empty();
		}
		consumer.seek(partition, offset);
		long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.offset() == offset) {
					return Optional.of(record);
				}
				if (record.offset() > offset) {
					return Optional.empty();
				}
			}
		}
		return Optional.empty();
	}

}
