package org.ketaclinic.acceptance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of the running local stack, found by their command lines, killed with
 * {@code kill -9}, and waited for once the stack's supervisor has started them again.
 */
final class StackProcesses {

	private StackProcesses() {
	}

	/** The marker in the command line of each killable process. */
	static String marker(String name) {
		return switch (name) {
			case "kafka" -> "org.ketaclinic.local.KafkaServer";
			// the gateway runs unpacked from infra/local/.data/apps/gateway (LocalStack)
			case "gateway" -> "/gateway.jar";
			case "mail" -> "org.ketaclinic.local.MailServer";
			case "sms-sink" -> "org.ketaclinic.smssink.SmsSink";
			default -> name + "-service.jar";
		};
	}

	/**
	 * Kills a process of the stack with SIGKILL: no shutdown hook, no graceful close. For
	 * PostgreSQL that is the postmaster and every backend, as when its machine dies.
	 * @return the pids killed
	 */
	static List<Long> kill9(String name) {
		List<Long> pids = pidsOf(name);
		signal("-9", pids);
		return pids;
	}

	/**
	 * How many Kafka brokers the stack runs: 1, or 3 with
	 * {@code KETACLINIC_KAFKA_BROKERS=3}.
	 */
	static int kafkaBrokers() {
		return (int) ProcessHandle.allProcesses()
			.filter((p) -> p.info().commandLine().orElse("").contains(marker("kafka")))
			.filter((p) -> p.info().command().orElse("").endsWith("java"))
			.count();
	}

	/** Kills one broker of the cluster, by its node id, with SIGKILL. */
	static List<Long> kill9Broker(int node) {
		List<Long> pids = ProcessHandle.allProcesses()
			.filter((p) -> p.info().commandLine().orElse("").contains(marker("kafka") + " " + node + " "))
			.filter((p) -> p.info().command().orElse("").endsWith("java"))
			.map(ProcessHandle::pid)
			.toList();
		if (pids.size() != 1) {
			throw new IllegalStateException("no single running process for broker " + node + ": " + pids);
		}
		ProcessHandle.of(pids.get(0)).ifPresent(ProcessHandle::destroyForcibly);
		return pids;
	}

	/**
	 * Freezes a process of the stack with SIGSTOP: it keeps its sockets and state but
	 * answers nothing, as a hung server or a partitioned network looks to its clients
	 * (connections are accepted by the kernel and then wait). For PostgreSQL that is the
	 * postmaster and every backend.
	 * @return the pids frozen, for {@link #thaw}
	 */
	static List<Long> freeze(String name) {
		List<Long> pids = pidsOf(name);
		signal("-STOP", pids);
		return pids;
	}

	/** Lets frozen processes go on (SIGCONT). */
	static void thaw(List<Long> pids) {
		signal("-CONT", pids);
	}

	/**
	 * Keeps a child of the stack down: the supervisor does not start it again while its
	 * hold file ({@code infra/local/.data/hold/<name>}) exists.
	 */
	static void hold(String child) {
		try {
			Path hold = Stack.ROOT.resolve("infra/local/.data/hold").resolve(child);
			Files.createDirectories(hold.getParent());
			Files.writeString(hold, "held by the fault suite at " + Instant.now() + "\n");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Lets the supervisor start a held child again. */
	static void release(String child) {
		try {
			Files.deleteIfExists(Stack.ROOT.resolve("infra/local/.data/hold").resolve(child));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The supervisor's names of the Kafka brokers: kafka, or kafka-1 to kafka-3. */
	static List<String> kafkaChildren() {
		int brokers = kafkaBrokers();
		if (brokers <= 1) {
			return List.of("kafka");
		}
		List<String> names = new ArrayList<>();
		for (int node = 1; node <= brokers; node++) {
			names.add("kafka-" + node);
		}
		return names;
	}

	private static List<Long> pidsOf(String name) {
		List<Long> pids = new ArrayList<>();
		if (name.equals("postgres")) {
			ProcessHandle.of(postmaster()).ifPresent((server) -> {
				pids.add(server.pid());
				server.descendants().forEach((child) -> pids.add(child.pid()));
			});
		}
		else {
			ProcessHandle.allProcesses()
				.filter((p) -> p.info().commandLine().orElse("").contains(marker(name)))
				.filter((p) -> p.info().command().orElse("").endsWith("java"))
				.forEach((p) -> pids.add(p.pid()));
		}
		if (pids.isEmpty()) {
			throw new IllegalStateException("no running process for " + name);
		}
		return pids;
	}

	private static void signal(String signal, List<Long> pids) {
		List<String> command = new ArrayList<>(List.of("kill", signal));
		pids.forEach((pid) -> command.add(String.valueOf(pid)));
		try {
			Process kill = new ProcessBuilder(command).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill " + signal + " " + pids + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long postmaster() {
		Path pidFile = Stack.ROOT.resolve("infra/local/.data/postgres/postmaster.pid");
		try {
			return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
		}
		catch (IOException ex) {
			throw new IllegalStateException("PostgreSQL's pid file is not readable: " + pidFile, ex);
		}
	}

	/** Waits until every service reports ready and the gateway answers. */
	static Duration awaitReady(Api api, Duration timeout) {
		Instant started = Instant.now();
		Instant deadline = started.plus(timeout);
		for (int port : Stack.SERVICES.values()) {
			while (api.readiness(port).status() != 200) {
				if (Instant.now().isAfter(deadline)) {
					throw new AssertionError("the service on port " + port + " is not ready after "
							+ timeout.toSeconds() + " s; is the local stack running (infra/local/start)?");
				}
				Api.pause(500);
			}
			// Kafka is outside readiness: wait for it too, so a fault window closes only
			// once the events flow again
			while (!"UP".equals(api.health(port).json().at("/components/kafka/status").asString(""))) {
				if (Instant.now().isAfter(deadline)) {
					throw new AssertionError("the service on port " + port + " does not reach Kafka after "
							+ timeout.toSeconds() + " s");
				}
				Api.pause(500);
			}
		}
		while (api.once(Api.Role.PATIENT, "GET", "/actuator/health/readiness", null, null).status() != 200) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("the gateway is not ready after " + timeout.toSeconds() + " s");
			}
			Api.pause(500);
		}
		return Duration.between(started, Instant.now());
	}

}
