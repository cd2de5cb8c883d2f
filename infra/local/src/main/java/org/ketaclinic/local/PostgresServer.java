package org.ketaclinic.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the embedded binaries, with its data in a folder that
 * survives restarts and durable settings (fsync on). Creates the login role and one
 * database per service if they are missing.
 *
 * <p>
 * Arguments: port, data directory, comma-separated database names.
 */
public final class PostgresServer {

	/** The role the services log in with (local development only). */
	static final String ROLE = "ketaclinic";

	private PostgresServer() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path data = Path.of(args[1]).toAbsolutePath();
		List<String> databases = List.of(args[2].split(","));
		Files.createDirectories(data);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "200")
			.setServerConfig("listen_addresses", "localhost")
			.start();
		CountDownLatch stopped = new CountDownLatch(1);
		java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopping.set(true);
			try {
				postgres.close();
			}
			catch (IOException ex) {
				System.err.println("PostgreSQL did not stop cleanly: " + ex.getMessage());
			}
			stopped.countDown();
		}, "postgres-stop"));
		try (Connection admin = postgres.getPostgresDatabase().getConnection();
				Statement statement = admin.createStatement()) {
			ensureRole(statement);
			for (String database : databases) {
				ensureDatabase(statement, database);
			}
		}
		long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
		ProcessHandle.of(postmaster).ifPresent((server) -> server.onExit().thenRun(() -> {
			if (!stopping.get()) {
				System.err.println("PostgreSQL's server process " + postmaster + " ended unexpectedly");
				Runtime.getRuntime().halt(3);
			}
		}));
		System.out.println("PostgreSQL ready on port " + port + " with data in " + data);
		stopped.await();
	}

	private static void ensureRole(Statement statement) throws SQLException {
		try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "'")) {
			if (exists.next()) {
				return;
			}
		}
		statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE + "'");
	}

	private static void ensureDatabase(Statement statement, String database) throws SQLException {
		if (!database.matches("[a-z][a-z0-9_]*")) {
			throw new IllegalArgumentException("not a database name: " + database);
		}
		try (ResultSet exists = statement
			.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
			if (exists.next()) {
				return;
			}
		}
		statement.execute("CREATE DATABASE " + database + " OWNER " + ROLE);
	}

}
