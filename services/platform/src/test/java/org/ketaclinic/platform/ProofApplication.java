package org.ketaclinic.platform;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.outbox.OutgoingEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A minimal service on the platform, for the platform's own tests: it records
 * {@link ProofEvent}s for orders and consumes them back, applying each to
 * {@code proof_effect}.
 */
@SpringBootApplication
public class ProofApplication {

	public static final String TOPIC = "ketaclinic.proof.events";

	public static final String TYPE = "org.ketaclinic.proof.ProofEvent.v1";

	public static OutgoingEvent event(String key, UUID orderId, int sequence) {
		return new OutgoingEvent(TOPIC, key, TYPE, orderId.toString(), new ProofEvent(orderId, sequence));
	}

	/** The proof event's data. */
	public record ProofEvent(UUID orderId, int sequence) {
	}

	/**
	 * Orders whose events fail a number of times before they are applied (or forever, for
	 * -1).
	 */
	@Component
	public static class Failures {

		private final Map<UUID, AtomicInteger> remaining = new ConcurrentHashMap<>();

		private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

		public void failTimes(UUID orderId, int times) {
			this.remaining.put(orderId, new AtomicInteger(times));
		}

		public int attempts(UUID orderId) {
			AtomicInteger count = this.attempts.get(orderId);
			return (count != null) ? count.get() : 0;
		}

		void attempt(UUID orderId) {
			this.attempts.computeIfAbsent(orderId, (id) -> new AtomicInteger()).incrementAndGet();
			AtomicInteger left = this.remaining.get(orderId);
			if (left != null && (left.get() < 0 || left.getAndDecrement() > 0)) {
				throw new IllegalStateException("simulated failure applying an event");
			}
		}

	}

	@Component
	static class ProofListener {

		private final Inbox inbox;

		private final JdbcTemplate jdbc;

		private final Failures failures;

		ProofListener(Inbox inbox, JdbcTemplate jdbc, Failures failures) {
			this.inbox = inbox;
			this.jdbc = jdbc;
			this.failures = failures;
		}

		@KafkaListener(topics = TOPIC)
		void on(ConsumerRecord<String, byte[]> record) {
			this.inbox.receive(record, (event) -> {
				ProofEvent data = event.data(ProofEvent.class);
				this.failures.attempt(data.orderId());
				this.jdbc.update("INSERT INTO proof_effect (event_id, message_key, order_id) VALUES (?, ?, ?)",
						event.id(), event.key(), data.orderId());
			});
		}

	}

}
