package org.ketaclinic.platform.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox as {@code outbox}: {@code DOWN} while it holds parked events, rows Kafka
 * refused for good that an operator has to deal with (docs/operations/runbook.md). Not in
 * the readiness group: the service works, and its other events flow, while a row is
 * parked.
 */
public class OutboxHealthIndicator implements HealthIndicator {

	private final JdbcTemplate jdbc;

	public OutboxHealthIndicator(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Health health() {
		Integer parked = this.jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE parked_at IS NOT NULL",
				Integer.class);
		Integer waiting = this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL", Integer.class);
		Health.Builder health = (parked != null && parked > 0)
				? Health.down().withDetail("problem", "events Kafka refused for good are parked; see the runbook")
				: Health.up();
		return health.withDetail("parked", parked).withDetail("waiting", waiting).build();
	}

}
