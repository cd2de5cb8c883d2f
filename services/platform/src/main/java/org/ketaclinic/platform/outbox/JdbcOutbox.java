package org.ketaclinic.platform.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.events.TraceContext;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox as a PostgreSQL table. Rows for one key are serialised by a
 * transaction-scoped advisory lock taken before the row gets its sequence number, so for
 * every key the id order is the commit order and the relay, which publishes in id order,
 * publishes in commit order.
 */
public class JdbcOutbox implements Outbox {

	private static final String LOCK_KEY = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

	private static final String INSERT = """
			INSERT INTO outbox_event (event_id, topic, message_key, type, source, subject, occurred_at,
				data_schema, data, traceparent, correlation_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private final JdbcTemplate jdbc;

	private final EventSchemas schemas;

	private final String source;

	private final Clock clock;

	public JdbcOutbox(JdbcTemplate jdbc, EventSchemas schemas, String source, Clock clock) {
		this.jdbc = jdbc;
		this.schemas = schemas;
		this.source = source;
		this.clock = clock;
	}

	@Override
	public String record(OutgoingEvent event) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("events are recorded inside the business transaction; none is active");
		}
		JsonNode data = EventJson.mapper().valueToTree(event.data());
		var violations = this.schemas.violations(event.type(), data);
		if (!violations.isEmpty()) {
			throw new IllegalArgumentException("data of " + event.type() + " breaks its schema at " + violations);
		}
		String eventId = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		TraceContext trace = TraceContext.currentOrNewRoot().child();
		this.jdbc.query(LOCK_KEY, (rs) -> {
		}, "outbox:" + event.topic() + ":" + event.key());
		this.jdbc.update(INSERT, eventId, event.topic(), event.key(), event.type(), this.source, event.subject(),
				Timestamp.from(now), this.schemas.hasSchema(event.type()) ? EventSchemas.schemaUri(event.type()) : null,
				EventJson.mapper().writeValueAsString(data), trace.traceparent(), trace.correlationId());
		return eventId;
	}

}
