package org.ketaclinic.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real PostgreSQL server and Kafka broker of this test JVM, started on first use and
 * stopped when the JVM exits. By default both are embedded (PostgreSQL binaries from
 * Maven Central, a KRaft broker in the JVM), so tests need nothing but a JDK. With
 * {@code -Dketaclinic.test.infrastructure=testcontainers} and a Docker engine present,
 * both run as containers instead.
 */
public final class TestInfrastructure {

	/**
	 * System property that selects the infrastructure: {@code embedded} (default) or
	 * {@code testcontainers}.
	 */
	public static final String MODE_PROPERTY = "ketaclinic.test.infrastructure";

	private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

	private static volatile TestInfrastructure instance;

	private final String postgresHost;

	private final int postgresPort;

	private final String postgresUser;

	private final String postgresPassword;

	private final String kafkaBootstrapServers;

	private final Runnable shutdown;

	private TestInfrastructure(String postgresHost, int postgresPort, String postgresUser, String postgresPassword,
			String kafkaBootstrapServers, Runnable shutdown) {
		this.postgresHost = postgresHost;
		this.postgresPort = postgresPort;
		this.postgresUser = postgresUser;
		this.postgresPassword = postgresPassword;
		this.kafkaBootstrapServers = kafkaBootstrapServers;
		this.shutdown = shutdown;
	}

	/** The infrastructure of this JVM, started on first call. */
	public static TestInfrastructure get() {
		TestInfrastructure result = instance;
		if (result == null) {
			synchronized (TestInfrastructure.class) {
				result = instance;
				if (result == null) {
					result = start();
					instance = result;
					Runtime.getRuntime().addShutdownHook(new Thread(result.shutdown, "test-infrastructure-stop"));
				}
			}
		}
		return result;
	}

	private static TestInfrastructure start() {
		String mode = System.getProperty(MODE_PROPERTY, "embedded");
		if ("testcontainers".equals(mode)) {
			if (DockerClientFactory.instance().isDockerAvailable()) {
				return startContainers();
			}
			log.warn("{}=testcontainers but no Docker engine is reachable; using embedded infrastructure",
					MODE_PROPERTY);
		}
		return startEmbedded();
	}

	private static TestInfrastructure startEmbedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "300")
				.setServerConfig("track_commit_timestamp", "on")
				.start();
			EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
			kafka.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
					"transaction.state.log.min.isr", "1", "group.initial.rebalance.delay.ms", "0",
					"auto.create.topics.enable", "true", "offsets.topic.num.partitions", "5"));
			kafka.afterPropertiesSet();
			return new TestInfrastructure("localhost", postgres.getPort(), "postgres", "postgres",
					kafka.getBrokersAsString(), () -> {
						kafka.destroy();
						closeQuietly(postgres);
					});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start embedded PostgreSQL", ex);
		}
	}

	@SuppressWarnings("resource")
	private static TestInfrastructure startContainers() {
		PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine").withCommand("postgres", "-c",
				"max_connections=300", "-c", "track_commit_timestamp=on");
		KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
		postgres.start();
		kafka.start();
		return new TestInfrastructure(postgres.getHost(), postgres.getFirstMappedPort(), postgres.getUsername(),
				postgres.getPassword(), kafka.getBootstrapServers(), () -> {
					kafka.stop();
					postgres.stop();
				});
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL did not stop cleanly", ex);
		}
	}

	/** Bootstrap servers of the Kafka broker. */
	public String kafkaBootstrapServers() {
		return this.kafkaBootstrapServers;
	}

	/** JDBC URL of a database on the server. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.postgresHost + ":" + this.postgresPort + "/" + database;
	}

	public String postgresUser() {
		return this.postgresUser;
	}

	public String postgresPassword() {
		return this.postgresPassword;
	}

	/** Creates a new, empty database (if it does not exist) and returns its JDBC URL. */
	public String createDatabase(String name) {
		if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("not a safe database name: " + name);
		}
		try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), this.postgresUser,
				this.postgresPassword); Statement statement = admin.createStatement()) {
			try (ResultSet exists = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
				if (!exists.next()) {
					statement.execute("CREATE DATABASE " + name);
				}
			}
			return jdbcUrl(name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create database " + name, ex);
		}
	}

}
