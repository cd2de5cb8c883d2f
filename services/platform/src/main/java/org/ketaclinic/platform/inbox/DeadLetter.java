package org.ketaclinic.platform.inbox;

import java.time.Instant;

/**
 * A record on a dead-letter topic, as an administrator sees it: where it is, what it was,
 * why it failed.
 *
 * @param topic the dead-letter topic
 * @param partition its partition
 * @param offset its offset
 * @param originalTopic the topic it was consumed from
 * @param consumerGroup the consumer group that gave up on it
 * @param key the record key (a patient id)
 * @param eventId {@code ce_id}, if the record had one
 * @param type {@code ce_type}, if the record had one
 * @param exception the class of the root cause of the failure
 * @param reason the root cause's class and message (names fields and headers, never
 * values)
 * @param failedAt when it was dead-lettered
 * @param replayedAt when an administrator replayed it, if so
 * @param replayedBy who replayed it, if so
 */
public record DeadLetter(String topic, int partition, long offset, String originalTopic, String consumerGroup,
		String key, String eventId, String type, String exception, String reason, Instant failedAt, Instant replayedAt,
		String replayedBy) {

	DeadLetter replayed(Instant at, String by) {
		return new DeadLetter(this.topic, this.partition, this.offset, this.originalTopic, this.consumerGroup, this.key,
				this.eventId, this.type, this.exception, this.reason, this.failedAt, at, by);
	}

}
