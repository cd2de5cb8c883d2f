package org.ketaclinic.platform.health;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.TestInfrastructure;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHealthIndicatorIT {

	@Test
	void aBrokerThatAnswersIsUpWithItsClusterId() throws Exception {
		KafkaHealthIndicator indicator = new KafkaHealthIndicator(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
				Duration.ofSeconds(2));
		try {
			var health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("clusterId");
		}
		finally {
			indicator.destroy();
		}
	}

	@Test
	void aBrokerThatIsGoneIsDownWithinTheTimeoutAndSaysWhy() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		KafkaHealthIndicator indicator = new KafkaHealthIndicator(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort), Duration.ofSeconds(1));
		try {
			long started = System.nanoTime();
			var health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(String.valueOf(health.getDetails().get("error"))).contains("did not answer within 1000 ms");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a probe must not hang")
				.isLessThan(Duration.ofSeconds(10));
		}
		finally {
			indicator.destroy();
		}
	}

	@Test
	void theGaugeSaysOneWhileTheBrokerAnswersAndZeroOnceItIsGone() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		KafkaHealthIndicator up = new KafkaHealthIndicator(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
				Duration.ofSeconds(2));
		KafkaHealthIndicator gone = new KafkaHealthIndicator(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort), Duration.ofSeconds(1));
		try {
			SimpleMeterRegistry reachable = new SimpleMeterRegistry();
			up.bindTo(reachable);
			assertThat(reachable.get("ketaclinic.kafka.up").gauge().value()).isEqualTo(1.0);
			SimpleMeterRegistry unreachable = new SimpleMeterRegistry();
			gone.bindTo(unreachable);
			long started = System.nanoTime();
			assertThat(unreachable.get("ketaclinic.kafka.up").gauge().value()).isEqualTo(0.0);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a scrape must not hang")
				.isLessThan(Duration.ofSeconds(10));
		}
		finally {
			up.destroy();
			gone.destroy();
		}
	}

	@Test
	void theGaugeAnswersFromARecentCheckWithoutAskingTheBrokerAgain() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		KafkaHealthIndicator indicator = new KafkaHealthIndicator(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort), Duration.ofSeconds(1),
				Duration.ofMinutes(1));
		try {
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			long started = System.nanoTime();
			assertThat(indicator.up()).isEqualTo(0.0);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered from the last check")
				.isLessThan(Duration.ofMillis(500));
		}
		finally {
			indicator.destroy();
		}
	}

}
