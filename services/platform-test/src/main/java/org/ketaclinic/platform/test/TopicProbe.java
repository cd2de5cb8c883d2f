package org.ketaclinic.platform.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning, as an outside observer would (no consumer group),
 * until a condition on everything read so far holds or time runs out.
 */
public final class TopicProbe {

	private TopicProbe() {
	}

	/**
	 * Reads all partitions of a topic from the start until {@code done} accepts the
	 * records read so far.
	 * @return the records read, in per-partition order
	 * @throws AssertionError when the condition does not hold within the timeout
	 */
	public static List<ConsumerRecord<String, byte[]>> readUntil(String topic,
			Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			long deadline = System.nanoTime() + timeout.toNanos();
			List<TopicPartition> partitions = List.of();
			while (System.nanoTime() < deadline) {
				if (partitions.isEmpty()) {
					List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
					if (infos != null && !infos.isEmpty()) {
						partitions = infos.stream().map((info) -> new TopicPartition(topic, info.partition())).toList();
						consumer.assign(partitions);
						consumer.seekToBeginning(partitions);
					}
				}
				if (!partitions.isEmpty()) {
					consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				}
				if (done.test(records)) {
					return records;
				}
			}
		}
		throw new AssertionError(
				"gave up waiting on topic " + topic + " after " + timeout + "; read " + records.size() + " records");
	}

	/**
	 * Everything currently on a topic (waits until reads reach the end offsets seen at
	 * the start).
	 */
	public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration timeout) {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
			if (infos == null || infos.isEmpty()) {
				return List.of();
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline
					&& end.entrySet().stream().anyMatch((e) -> consumer.position(e.getKey()) < e.getValue())) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	private static KafkaConsumer<String, byte[]> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
						ConsumerConfig.CLIENT_ID_CONFIG, "topic-probe-" + UUID.randomUUID(),
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer());
	}

}
