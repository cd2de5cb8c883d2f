package org.ketaclinic.platform;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumers' settings every service gets: a consumer that dies is replaced within
 * seconds, not Kafka's 45 s, unless a service says otherwise.
 */
class ConsumerSettingsTests {

	@Test
	void aDeadConsumersPartitionsAreFreedAfterTenSecondsAndNothingCommitsOnItsOwn() {
		Map<String, Object> config = PlatformAutoConfiguration.Messaging.consumerConfig(new KafkaProperties());

		assertThat(config).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
			.containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000)
			.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
			.containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
	}

	@Test
	void aServiceMaySetItsOwnSessionTimeout() {
		KafkaProperties kafka = new KafkaProperties();
		kafka.getConsumer().getProperties().put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");

		assertThat(PlatformAutoConfiguration.Messaging.consumerConfig(kafka))
			.containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
	}

}
