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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ketaclinic.platform.events.CloudEventHeaders;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists the dead letters of this service's consumer group and replays them onto their
 * original topic. A replay is recorded, so replaying the same dead letter again is a
 * no-op that answers the first replay.
 */
public class DeadLetters {

	/** Suffix of dead-letter topics. */
	public static final String SUFFIX = ".DLT";

	/** Header with the root cause of a dead letter: its class and message. */
	public static final String REASON_HEADER = "ketaclinic_dlt-reason";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final KafkaTemplate<String, byte[]> template;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final List<String> consumedTopics;

	private final String consumerGroup;

	public DeadLetters(Supplier<Consumer<String, byte[]>> consumers, KafkaTemplate<String, byte[]> template,
			JdbcTemplate jdbc, TransactionTemplate transactions, List<String> consumedTopics, String consumerGroup) {
		this.consumers = consumers;
		this.template = template;
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
	 * Sends a dead letter back to its original topic, with its original key, value and
	 * headers. Consumers are idempotent, so groups that had processed it skip it.
	 * @return the dead letter, marked replayed; empty if there is no such dead letter of
	 * this service
	 */
	public Optional<DeadLetter> replay(String topic, int partition, long offset, String by) {
		if (!isDeadLetterTopic(topic)) {
			return Optional.empty();
		}
		return this.transactions.execute((status) -> {
			int claimed = this.jdbc.update("""
					INSERT INTO dead_letter_replay (dlt_topic, dlt_partition, dlt_offset, replayed_by)
					VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
					""", topic, partition, offset, by);
			Optional<ConsumerRecord<String, byte[]>> record;
			try (Consumer<String, byte[]> consumer = this.consumers.get()) {
				record = readOne(consumer, new TopicPartition(topic, partition), offset);
			}
			if (record.isEmpty()) {
				status.setRollbackOnly();
				return Optional.empty();
			}
			DeadLetter letter = describe(record.get());
			if (this.consumerGroup != null && !this.consumerGroup.equals(letter.consumerGroup())) {
				status.setRollbackOnly();
				return Optional.empty();
			}
			if (claimed == 1) {
				this.template.send(toOriginal(record.get(), letter.originalTopic())).join();
				this.jdbc.update("""
						UPDATE dead_letter_replay SET event_id = ?
						WHERE dlt_topic = ? AND dlt_partition = ? AND dlt_offset = ?
						""", letter.eventId(), topic, partition, offset);
			}
			DeadLetter replay = replays().get(position(letter));
			return Optional.of(letter.replayed(replay.replayedAt(), replay.replayedBy()));
		});
	}

	/** The reason header of a failure: the root cause's class and message. */
	public static Headers reasonHeaders(Exception failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String reason = root.getClass().getName() + ": " + root.getMessage();
		RecordHeaders headers = new RecordHeaders();
		headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
		return headers;
	}

	private boolean isDeadLetterTopic(String topic) {
		return this.consumedTopics.stream().anyMatch((consumed) -> (consumed + SUFFIX).equals(topic));
	}

	private static ProducerRecord<String, byte[]> toOriginal(ConsumerRecord<String, byte[]> record,
			String originalTopic) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-")) {
				headers.add(header);
			}
		}
		return new ProducerRecord<>(originalTopic, null, record.key(), record.value(), headers);
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
