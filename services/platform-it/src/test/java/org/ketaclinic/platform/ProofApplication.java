package org.ketaclinic.platform;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.outbox.OutgoingEvent;
import org.ketaclinic.platform.web.NotFoundException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
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

	/** Orders whose key starts with this fail after their change was audited. */
	public static final String FAIL_AFTER_AUDIT = "fail-after-audit";

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

	/** The kinds of proof order. */
	public enum Kind {

		STANDARD, URGENT

	}

	/** A command to place an order. */
	public record PlaceOrder(@NotBlank @Size(max = 100) String key, @NotNull @Min(1) @Max(10) Integer quantity,
			@NotNull Kind kind) {
	}

	/** A placed order. */
	public record OrderView(UUID orderId, String key) {
	}

	@RestController
	@RequestMapping(path = "/api/proof/orders", produces = MediaType.APPLICATION_JSON_VALUE)
	static class OrderController {

		private final JdbcTemplate jdbc;

		private final Outbox outbox;

		private final AuditLog audit;

		OrderController(JdbcTemplate jdbc, Outbox outbox, AuditLog audit) {
			this.jdbc = jdbc;
			this.outbox = outbox;
			this.audit = audit;
		}

		@PostMapping
		@PreAuthorize("hasRole('FRONT_DESK')")
		@Transactional
		ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrder command) {
			UUID orderId = UUID.randomUUID();
			this.jdbc.update("INSERT INTO proof_order (id, message_key) VALUES (?, ?)", orderId, command.key());
			this.outbox.record(event(command.key(), orderId, command.quantity()));
			this.audit.recordChange(orderId, "ORDER_PLACED", "order/" + orderId);
			if (command.key().startsWith(FAIL_AFTER_AUDIT)) {
				throw new IllegalStateException("simulated failure after the change was audited");
			}
			return ResponseEntity.created(URI.create("/api/proof/orders/" + orderId))
				.body(new OrderView(orderId, command.key()));
		}

		@GetMapping("/{orderId}")
		@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
		OrderView get(@PathVariable UUID orderId) {
			this.audit.record(orderId, "ORDER_READ", "order/" + orderId);
			return this.jdbc
				.query("SELECT id, message_key FROM proof_order WHERE id = ?",
						(rs, row) -> new OrderView(rs.getObject(1, UUID.class), rs.getString(2)), orderId)
				.stream()
				.findFirst()
				.orElseThrow(() -> new NotFoundException("No order " + orderId));
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
