package org.ketaclinic.acceptance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records the platform's dead-letter topics ({@code ketaclinic.*.DLT}) hold: an
 * outage must add none.
 */
final class DeadLetterCount {

	private DeadLetterCount() {
	}

	static long total() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafka(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				15000))) {
			List<String> topics = admin.listTopics()
				.names()
				.get(15, TimeUnit.SECONDS)
				.stream()
				.filter((name) -> name.startsWith("ketaclinic.") && name.endsWith(".DLT"))
				.toList();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(topics)
				.allTopicNames()
				.get(15, TimeUnit.SECONDS)
				.forEach((name, topic) -> topic.partitions()
					.forEach((partition) -> latest.put(new TopicPartition(name, partition.partition()),
							OffsetSpec.latest())));
			return admin.listOffsets(latest)
				.all()
				.get(15, TimeUnit.SECONDS)
				.values()
				.stream()
				.mapToLong((offset) -> offset.offset())
				.sum();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError("the Kafka cluster did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
