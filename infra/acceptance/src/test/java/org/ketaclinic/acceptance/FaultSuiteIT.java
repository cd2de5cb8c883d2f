package org.ketaclinic.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.ketaclinic.acceptance.Api.Reply;
import org.ketaclinic.acceptance.Api.Role;
import org.ketaclinic.acceptance.Journeys.Point;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite: the full journey while {@code kill -9} takes down, one at a time, each
 * of the four services, Kafka (the broker, or the leading broker of a cluster of three),
 * the gateway and PostgreSQL, which the local stack's supervisor starts again. While a
 * service is gone the gateway answers 503 problem+json at once; while PostgreSQL is gone
 * every service's readiness says so, and a command answers 503 problem+json within
 * seconds; while Kafka is gone every service's health says so and its readiness stays UP
 * (a broker incident does not take the API out of service). Afterwards every accepted
 * command has had its effects exactly once: follow-up killed as an urgent finding arrives
 * still pages the on-call clinician once, and scheduling killed as an intake is withdrawn
 * still cancels every booked session of its plan once.
 */
@Order(2)
class FaultSuiteIT {

	/** How quickly the gateway must answer for a service that is gone. */
	private static final Duration QUICKLY = Duration.ofSeconds(3);

	/** How quickly a command must answer while the database is gone. */
	private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(8);

	private static final Tally tally = new Tally();

	private static final Api api = new Api(tally);

	private static final Journeys journeys = new Journeys(api);

	private static final List<String> log = new ArrayList<>();

	private static Instant killedAt;

	@BeforeAll
	static void stackIsUp() {
		StackProcesses.awaitReady(api, Duration.ofMinutes(3));
	}

	@Test
	void everyAcceptedCommandHasItsEffectsExactlyOnceThroughKillNineOfEveryProcess() {
		Journeys.Outcome outcome = journeys.full(this::inject, 7);
		recover();
		journeys.checkFull(outcome);
		journeys.urgentAtIntake(this::inject);
		recover();
		journeys.stopped(this::inject, 9);
		recover();
		assertThat(tally.faultsInjected.get()).isEqualTo(9);
		assertThat(tally.internalErrors.get()).as("500 answers, in or out of fault windows").isZero();
		assertThat(tally.serverErrorsOutsideFaults.get()).as("5xx answers outside fault windows").isZero();
	}

	private void inject(Point point, String patientId) {
		recover();
		switch (point) {
			case INTAKE_ACCEPTED -> service("intake", "/api/intake/patients/" + patientId);
			case BEFORE_DECISION -> service("screening", "/api/screening/assessments?patientId=" + patientId);
			case DECISION_ACCEPTED -> service("scheduling", "/api/scheduling/plans?patientId=" + patientId);
			case BOOKED -> service("followup", "/api/followup/patients/" + patientId + "/messages");
			case MID_SERIES -> kafka();
			case SERIES_COMPLETED -> gateway();
			case BEFORE_SECOND_CHECK_IN -> database(patientId);
			// the page for an urgent finding still goes out, once, when follow-up is back
			case URGENT_INTAKE_ACCEPTED -> service("followup", "/api/followup/patients/" + patientId + "/alerts");
			// the withdrawn intake still stops the plan, once, when scheduling is back
			case INTAKE_WITHDRAWN -> service("scheduling", "/api/scheduling/plans?patientId=" + patientId);
			default -> {
			}
		}
	}

	/** A service is killed: the gateway answers for it at once with 503 problem+json. */
	private void service(String name, String readPath) {
		List<Long> pids = open(name);
		try {
			observeServiceGone(name, readPath, pids);
		}
		finally {
			StackProcesses.release(name);
		}
	}

	private void observeServiceGone(String name, String readPath, List<Long> pids) {
		Instant asked = Instant.now();
		Reply reply = api.once(Role.CLINICIAN, "GET", readPath, null, null);
		Duration took = Duration.between(asked, Instant.now());
		assertThat(reply.status()).as("the gateway's answer for %s while it is gone", name).isEqualTo(503);
		assertThat(reply.isProblem()).as("a problem+json answer").isTrue();
		assertThat(reply.json().get("detail").asString()).containsIgnoringCase(name);
		assertThat(took).as("answered quickly, not hanging").isLessThan(QUICKLY);
		tally.effect();
		log.add(String.format("kill -9 %s %s: gateway answered 503 problem+json in %d ms", name, pids,
				took.toMillis()));
	}

	/**
	 * Kafka is killed. A single broker: every service's readiness reports it down. A
	 * cluster of three ({@code KETACLINIC_KAFKA_BROKERS=3}): the node that leads the
	 * controller quorum is killed, the cluster elects new leaders for every partition it
	 * led within seconds, and the journey goes on (its counts then prove nothing was lost
	 * or done twice).
	 */
	private void kafka() {
		if (StackProcesses.kafkaBrokers() < 3) {
			List<Long> pids = open("kafka");
			try {
				Map<String, Duration> down = Probes.kafkaDownWhileReady(api);
				log.add(String.format("kill -9 kafka %s: health DOWN (kafka), readiness still UP, on %s", pids, down));
			}
			finally {
				StackProcesses.release("kafka");
			}
			return;
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafka(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				10000))) {
			int leader = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
			List<TopicPartition> led = partitionsLedBy(admin, leader);
			tally.faultWindow(true);
			tally.faultsInjected.incrementAndGet();
			killedAt = Instant.now();
			// kept down until the cluster has moved on without it
			StackProcesses.hold("kafka-" + leader);
			List<Long> pids;
			List<TopicPartition> stillLed = led;
			int newQuorumLeader;
			Duration took;
			try {
				pids = StackProcesses.kill9Broker(leader);
				Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
				while (!stillLed.isEmpty() && Instant.now().isBefore(deadline)) {
					Api.pause(500);
					stillLed = partitionsLedBy(admin, leader).stream().filter(led::contains).toList();
				}
				newQuorumLeader = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
				took = Duration.between(killedAt, Instant.now());
			}
			finally {
				StackProcesses.release("kafka-" + leader);
			}
			assertThat(led).as("the quorum leader led partitions of the platform's topics").isNotEmpty();
			assertThat(stillLed).as("partitions still led by the killed broker after %s", took).isEmpty();
			assertThat(newQuorumLeader).as("a new controller quorum leader").isNotEqualTo(leader);
			tally.effect();
			log.add(String.format(
					"kill -9 kafka broker %d %s (quorum leader, leading %d partitions): new leaders for all of them and"
							+ " controller %d within %d ms",
					leader, pids, led.size(), newQuorumLeader, took.toMillis()));
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new AssertionError("the Kafka cluster did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The partitions of the platform's topics that a broker leads now. */
	private static List<TopicPartition> partitionsLedBy(Admin admin, int broker)
			throws java.util.concurrent.ExecutionException, InterruptedException,
			java.util.concurrent.TimeoutException {
		List<String> topics = admin.listTopics()
			.names()
			.get(10, TimeUnit.SECONDS)
			.stream()
			.filter((name) -> name.startsWith("ketaclinic."))
			.toList();
		List<TopicPartition> led = new ArrayList<>();
		admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, topic) -> {
			topic.partitions().forEach((partition) -> {
				if (partition.leader() != null && partition.leader().id() == broker) {
					led.add(new TopicPartition(name, partition.partition()));
				}
			});
		});
		return led;
	}

	/** The gateway is killed: nothing answers until it is back, then everything does. */
	private void gateway() {
		List<Long> pids = open("gateway");
		Reply reply;
		try {
			reply = api.once(Role.CLINICIAN, "GET", "/api/followup/alerts?status=OPEN", null, null);
		}
		finally {
			StackProcesses.release("gateway");
		}
		assertThat(reply.status()).as("no answer while the gateway is gone").isEqualTo(-1);
		tally.effect();
		log.add(String.format("kill -9 gateway %s: connection refused until restarted", pids));
	}

	/**
	 * PostgreSQL is killed: readiness reports the database down and a command answers 503
	 * problem+json within seconds, having changed nothing; the journey's next command is
	 * then retried until the database is back.
	 */
	private void database(String patientId) {
		List<Long> pids = open("postgres");
		Instant asked = Instant.now();
		Reply reply;
		Duration took;
		Map<String, Duration> down;
		try {
			reply = api.once(Role.CLINICIAN, "POST", "/api/followup/patients/" + patientId + "/check-ins", null,
					"fault-suite-probe-" + patientId);
			took = Duration.between(asked, Instant.now());
			down = Probes.readinessDown(api, "db");
		}
		finally {
			StackProcesses.release("postgres");
		}
		assertThat(reply.status()).as("a command while the database is gone").isEqualTo(503);
		assertThat(reply.isProblem()).as("a problem+json answer").isTrue();
		assertThat(took).as("answered within the connection timeout").isLessThan(DATABASE_TIMEOUT);
		tally.effect();
		log.add(String.format(
				"kill -9 postgres (postmaster %d and %d backends): a command answered 503 problem+json in %d ms; readiness DOWN (db) on %s",
				pids.get(0), pids.size() - 1, took.toMillis(), down));
	}

	/**
	 * Kills a child of the stack and keeps it down (the supervisor's hold) until the
	 * caller has seen the outage and releases it; the supervisor then starts it again
	 * after its short restart delay.
	 */
	private List<Long> open(String name) {
		tally.faultWindow(true);
		tally.faultsInjected.incrementAndGet();
		killedAt = Instant.now();
		StackProcesses.hold(name);
		try {
			return StackProcesses.kill9(name);
		}
		catch (RuntimeException ex) {
			StackProcesses.release(name);
			throw ex;
		}
	}

	/** Waits for every process to be ready again and closes the fault window. */
	private static void recover() {
		if (tally.inFault()) {
			StackProcesses.awaitReady(api, Duration.ofMinutes(4));
			log.add(String.format("  every process ready again %d s after the kill",
					Duration.between(killedAt, Instant.now()).toSeconds()));
			tally.faultWindow(false);
		}
	}

	@AfterAll
	static void report() {
		log.forEach((line) -> System.out.println("fault-suite: " + line));
		System.out.printf(
				"fault-suite: %d faults injected, %d effects checked, %d requests (%d refused connections, %d 5xx while a fault was open), 5xx outside fault windows = %d, 500s = %d; statuses %s%n",
				tally.faultsInjected.get(), tally.effectsChecked.get(), tally.requests.get(),
				tally.connectionsRefused.get(), tally.unavailableDuringFaults.get(),
				tally.serverErrorsOutsideFaults.get(), tally.internalErrors.get(), tally.statuses());
	}

}
