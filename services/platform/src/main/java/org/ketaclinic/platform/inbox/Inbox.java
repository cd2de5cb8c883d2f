package org.ketaclinic.platform.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.events.MalformedEventException;
import org.ketaclinic.platform.events.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent receiver. Reads the CloudEvents envelope, checks the data against its
 * schema, and applies the handler in one database transaction with the record of the
 * event id, so a redelivered event changes nothing. Malformed events raise
 * {@link MalformedEventException}, which the error handler sends straight to the
 * dead-letter topic; any other failure is retried with back-off first.
 */
public class Inbox {

	private static final Logger log = LoggerFactory.getLogger(Inbox.class);

	private static final String RECORD = """
			INSERT INTO processed_event (consumer, event_id, event_type) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final EventSchemas schemas;

	private final String defaultConsumer;

	public Inbox(JdbcTemplate jdbc, TransactionTemplate transactions, EventSchemas schemas, String defaultConsumer) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.schemas = schemas;
		this.defaultConsumer = defaultConsumer;
	}

	/**
	 * Applies a record once for the listener's consumer group.
	 * @return true if the handler ran, false for a duplicate
	 */
	public boolean receive(ConsumerRecord<String, byte[]> record, EventHandler handler) {
		String consumer = KafkaUtils.getConsumerGroupId();
		return receive((consumer != null) ? consumer : this.defaultConsumer, record, handler);
	}

	/**
	 * Applies a record once for the named consumer.
	 * @return true if the handler ran, false for a duplicate
	 */
	public boolean receive(String consumer, ConsumerRecord<String, byte[]> record, EventHandler handler) {
		IncomingEvent event = IncomingEvent.from(record);
		this.schemas.check(event.type(), event.data());
		try (TraceContext.Scope scope = event.trace().child().open()) {
			Boolean applied = this.transactions.execute((status) -> {
				if (this.jdbc.update(RECORD, consumer, event.id(), event.type()) == 0) {
					return false;
				}
				handler.handle(event);
				return true;
			});
			if (!Boolean.TRUE.equals(applied)) {
				log.debug("Skipped duplicate event {} of type {} for {}", event.id(), event.type(), consumer);
			}
			return Boolean.TRUE.equals(applied);
		}
	}

}
