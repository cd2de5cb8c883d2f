package org.ketaclinic.platform.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether the Kafka broker answers: {@code DOWN} when the cluster cannot be described
 * within the timeout. Reported as the {@code kafka} component of {@code /actuator/health}
 * and as the gauge {@code ketaclinic_kafka_up} (1 or 0) that the
 * {@code KetaclinicKafkaUnreachable} alert watches, but deliberately not part of the
 * readiness group: a broker incident must not take every instance's API out of service,
 * since commands accepted meanwhile wait in the outbox and are published once the broker
 * is back (issue 19, docs/runbook.md).
 * <p>
 * The gauge reuses the last check while it is younger than {@code maxAge}, so a scrape
 * costs at most one cluster description and never more than the timeout.
 */
public class KafkaHealthIndicator implements HealthIndicator, MeterBinder, DisposableBean {

	/** The gauge's name (Prometheus: {@code ketaclinic_kafka_up}). */
	public static final String METRIC = "ketaclinic.kafka.up";

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private final Duration maxAge;

	private volatile Admin admin;

	private volatile Checked last;

	/**
	 * @param adminConfig the admin client's configuration (bootstrap servers, security)
	 * @param timeout how long the broker has to answer
	 */
	public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
		this(adminConfig, timeout, Duration.ofSeconds(15));
	}

	/**
	 * @param adminConfig the admin client's configuration (bootstrap servers, security)
	 * @param timeout how long the broker has to answer
	 * @param maxAge how long a check answers the gauge before the next scrape checks
	 * again
	 */
	public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, Duration maxAge) {
		this.adminConfig = new HashMap<>(adminConfig);
		this.adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG,
				this.adminConfig.getOrDefault(AdminClientConfig.CLIENT_ID_CONFIG, "service") + "-health");
		this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.timeout = timeout;
		this.maxAge = maxAge;
	}

	@Override
	public Health health() {
		Health health = check();
		this.last = new Checked(health, System.nanoTime());
		return health;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(METRIC, this, KafkaHealthIndicator::up)
			.description("1 when this instance reached the Kafka broker at its last check, 0 when not")
			.register(registry);
	}

	/**
	 * 1 when the broker answered the last check (repeated once it is too old), else 0.
	 */
	double up() {
		Checked checked = this.last;
		if (checked == null || checked.olderThan(this.maxAge)) {
			synchronized (this) {
				checked = this.last;
				if (checked == null || checked.olderThan(this.maxAge)) {
					health();
					checked = this.last;
				}
			}
		}
		return Status.UP.equals(checked.health().getStatus()) ? 1 : 0;
	}

	private Health check() {
		try {
			String clusterId = admin()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()))
				.clusterId()
				.get(this.timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
			return Health.up().withDetail("clusterId", clusterId).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			return Health.down()
				.withDetail("error",
						"the broker did not answer within " + this.timeout.toMillis() + " ms ("
								+ cause.getClass().getSimpleName() + ")")
				.build();
		}
	}

	private Admin admin() {
		Admin current = this.admin;
		if (current == null) {
			synchronized (this) {
				current = this.admin;
				if (current == null) {
					current = Admin.create(this.adminConfig);
					this.admin = current;
				}
			}
		}
		return current;
	}

	@Override
	public void destroy() {
		Admin current = this.admin;
		if (current != null) {
			current.close(Duration.ofSeconds(2));
		}
	}

	private record Checked(Health health, long atNanos) {

		boolean olderThan(Duration age) {
			return System.nanoTime() - this.atNanos > age.toNanos();
		}

	}

}
