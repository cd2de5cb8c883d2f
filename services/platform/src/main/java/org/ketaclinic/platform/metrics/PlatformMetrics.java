package org.ketaclinic.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gauges read when the metrics are scraped: {@code ketaclinic.outbox.backlog} (events
 * recorded and not yet published), {@code ketaclinic.outbox.oldest.age} (seconds the
 * oldest of them has waited), {@code ketaclinic.outbox.parked} (events Kafka refused for
 * good, kept for an operator; ADR 0016) and {@code ketaclinic.dead.letters.replayed}
 * (dead letters replayed so far). A growing backlog means the relay cannot reach Kafka; a
 * parked event needs an operator (see docs/operations/runbook.md).
 */
public class PlatformMetrics implements MeterBinder {

	private final JdbcTemplate jdbc;

	public PlatformMetrics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("ketaclinic.outbox.backlog", this, (metrics) -> metrics.count("""
				SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL
				""")).description("Events recorded but not yet published to Kafka").register(registry);
		Gauge.builder("ketaclinic.outbox.parked", this, (metrics) -> metrics.count("""
				SELECT count(*) FROM outbox_event WHERE parked_at IS NOT NULL
				""")).description("Events Kafka refused for good, parked for an operator").register(registry);
		Gauge
			.builder("ketaclinic.outbox.oldest.age", this,
					(metrics) -> metrics
						.count("""
								SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL
								"""))
			.baseUnit("seconds")
			.description("How long the oldest unpublished event has waited")
			.register(registry);
		Gauge
			.builder("ketaclinic.dead.letters.replayed", this,
					(metrics) -> metrics.count("SELECT count(*) FROM dead_letter_replay"))
			.description("Dead letters replayed by an administrator")
			.register(registry);
	}

	private double count(String sql) {
		try {
			Number value = this.jdbc.queryForObject(sql, Number.class);
			return (value != null) ? value.doubleValue() : 0;
		}
		catch (RuntimeException unavailable) {
			return Double.NaN;
		}
	}

}
