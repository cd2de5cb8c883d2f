package org.ketaclinic.platform.outbox;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Send failures that concern one record and that no retry can pass: the record is too
 * large for the producer or the topic, its topic name is invalid, the service may not
 * write to that topic, or it cannot be serialised. Failures that concern every record
 * (the broker unreachable, a timeout, the producer not allowed to write idempotently) are
 * not among them: parking for those would park the whole outbox.
 */
final class PermanentRefusals {

	private PermanentRefusals() {
	}

	static boolean isPermanent(Throwable failure) {
		for (Throwable current = failure; current != null; current = (current.getCause() != current)
				? current.getCause() : null) {
			if (current instanceof RecordTooLargeException || current instanceof RecordBatchTooLargeException
					|| current instanceof InvalidTopicException || current instanceof TopicAuthorizationException
					|| current instanceof SerializationException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The reason stored with a parked row: the exception and Kafka's message, which names
	 * sizes and topics, never the event's data.
	 */
	static String reason(Throwable failure) {
		String reason = failure.getClass().getName() + ": " + failure.getMessage();
		return (reason.length() > 1000) ? reason.substring(0, 1000) : reason;
	}

}
