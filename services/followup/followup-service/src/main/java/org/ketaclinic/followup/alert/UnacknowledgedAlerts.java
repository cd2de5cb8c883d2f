package org.ketaclinic.followup.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code ketaclinic.followup.alerts.unacknowledged.oldest} (seconds; in
 * Prometheus {@code ketaclinic_followup_alerts_unacknowledged_oldest_seconds}): how long
 * the oldest urgent alert still open has waited for a clinician to acknowledge it, 0 when
 * none is open. Over every clinic: it is for whoever runs the service, to alert on an
 * urgent alert nobody answers (paging that does not reach anyone, whatever the reason).
 *
 * <p>
 * One query ({@code min(created_at)} of the open urgent alerts, which the
 * {@code alert_open} index answers from its first entry) at most every {@link #CACHED}:
 * scrapes in between, by however many scrapers, reuse its answer; the age is computed at
 * each scrape. While the database cannot answer, the last answer stands.
 */
@Component
class UnacknowledgedAlerts {

	private static final Logger log = LoggerFactory.getLogger(UnacknowledgedAlerts.class);

	/** How long one answer of the database serves. */
	static final Duration CACHED = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Answer answer;

	UnacknowledgedAlerts(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder("ketaclinic.followup.alerts.unacknowledged.oldest", this, UnacknowledgedAlerts::oldestSeconds)
			.baseUnit("seconds")
			.description("Age of the oldest urgent alert no clinician has acknowledged yet, 0 when none is open")
			.register(meters);
	}

	/** The age of the oldest open urgent alert in seconds, 0 when there is none. */
	double oldestSeconds() {
		Optional<Instant> oldest = oldest();
		if (oldest.isEmpty()) {
			return 0;
		}
		Duration age = Duration.between(oldest.get(), this.clock.instant());
		return age.isNegative() ? 0 : age.toMillis() / 1000.0;
	}

	private Optional<Instant> oldest() {
		Answer known = this.answer;
		if (known != null && System.nanoTime() - known.askedAtNanos() < CACHED.toNanos()) {
			return known.oldest();
		}
		synchronized (this) {
			known = this.answer;
			if (known != null && System.nanoTime() - known.askedAtNanos() < CACHED.toNanos()) {
				return known.oldest();
			}
			try {
				Timestamp created = this.jdbc
					.sql("SELECT min(created_at) FROM alert WHERE status = 'OPEN' AND severity = 'URGENT'")
					.query(Timestamp.class)
					.optional()
					.orElse(null);
				known = new Answer(Optional.ofNullable(created).map(Timestamp::toInstant), System.nanoTime());
				this.answer = known;
				return known.oldest();
			}
			catch (DataAccessException ex) {
				// asked again after the same while, not at every scrape of a database in
				// trouble
				log.warn("The oldest unacknowledged alert could not be read: {}", ex.getClass().getSimpleName());
				Optional<Instant> last = (known != null) ? known.oldest() : Optional.empty();
				this.answer = new Answer(last, System.nanoTime());
				return last;
			}
		}
	}

	private record Answer(Optional<Instant> oldest, long askedAtNanos) {
	}

}
