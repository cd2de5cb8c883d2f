package org.ketaclinic.platform.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the Kafka broker answers: {@code DOWN} when the cluster cannot be described
 * within the timeout. In the readiness group, so a service whose events cannot flow says
 * so; commands it accepts meanwhile wait in its outbox and are published once the broker
 * is back.
 */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

	private final Map<String, Object> adminConfig;

	private final Duration timeout;

	private volatile Admin admin;

	/**
	 * @param adminConfig the admin client's configuration (bootstrap servers, security)
	 * @param timeout how long the broker has to answer
	 */
	public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
		this.adminConfig = new HashMap<>(adminConfig);
		this.adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG,
				this.adminConfig.getOrDefault(AdminClientConfig.CLIENT_ID_CONFIG, "service") + "-health");
		this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.timeout = timeout;
	}

	@Override
	public Health health() {
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

}
