package org.ketaclinic.acceptance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ketaclinic.acceptance.Api.Reply;
import org.ketaclinic.acceptance.Api.Role;
import org.ketaclinic.acceptance.Journeys.Point;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long outages, not only a {@code kill -9} at a quiet moment (issue 19): PostgreSQL
 * frozen and Kafka down mid-journey, the mail server and the SMS provider down while
 * messages fall due, follow-up killed in the middle of a dead-letter replay. Each outage
 * lasts longer than every retry budget it tests ({@link RetryBudgets}; the issue's
 * lengths unless {@code KETACLINIC_OUTAGE_*} shortens them for CI), and each prints its
 * counts: nothing lost, nothing done twice, nothing dead-lettered.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageSuiteIT {

	/** How quickly a command must be answered while the database does not answer. */
	private static final Duration DATABASE_ANSWER = Duration.ofSeconds(15);

	private static final Tally tally = new Tally();

	private static final Api api = new Api(tally);

	private static final Journeys journeys = new Journeys(api);

	private static final List<String> log = new ArrayList<>();

	@BeforeAll
	static void stackIsUp() {
		StackProcesses.awaitReady(api, Duration.ofMinutes(3));
	}

	@Test
	@Order(1)
	void postgresFrozenAndKafkaDownMidJourneyLoseNothingDoNothingTwiceAndDeadLetterNothing() {
		long deadLetters = DeadLetterCount.total();
		List<String> takenDuringKafkaOutage = new ArrayList<>();
		Journeys.Outcome outcome = journeys.full((point, patientId) -> {
			if (point == Point.MID_SERIES) {
				takenDuringKafkaOutage.add(kafkaDown());
			}
			else if (point == Point.BEFORE_SECOND_CHECK_IN) {
				postgresFrozen(patientId);
			}
		}, 13);
		journeys.checkFull(outcome);
		journeys.assessedOnce(takenDuringKafkaOutage.get(0));
		long after = DeadLetterCount.total();
		assertThat(after - deadLetters).as("records dead-lettered during the outages").isZero();
		tally.effect();
		log.add(String.format("  the journey's every effect exactly once afterwards; dead letters before %d, after %d",
				deadLetters, after));
	}

	@Test
	@Order(2)
	void theMailServerAndTheSmsProviderDownLongerThanEveryRetryBudgetMessagesWaitAndGoOnceAfter() {
		Duration length = RetryBudgets.outage("KETACLINIC_OUTAGE_PROVIDERS", "5m");
		exceeds("the mail server and SMS provider down", length, RetryBudgets.providers());
		long deadLetters = DeadLetterCount.total();
		tally.faultsInjected.incrementAndGet();
		List<Long> mail = new ArrayList<>();
		List<Long> sms = new ArrayList<>();
		Instant down = Instant.now();
		Journeys.Waiting waiting;
		try {
			mail.addAll(StackProcesses.freeze("mail"));
			sms.addAll(StackProcesses.freeze("sms-sink"));
			waiting = journeys.duringProviderOutage(17);
			sleepUntil(down.plus(length));
		}
		finally {
			if (!mail.isEmpty()) {
				StackProcesses.thaw(mail);
			}
			if (!sms.isEmpty()) {
				StackProcesses.thaw(sms);
			}
		}
		journeys.deliveredOnce(waiting);
		assertThat(DeadLetterCount.total()).as("records dead-lettered").isEqualTo(deadLetters);
		tally.effect();
		log.add(String.format(
				"mail server %s and SMS provider %s frozen (SIGSTOP) for %d s: a booking confirmation, a check-in link"
						+ " and a page tried and waited, none given up; each went exactly once within %d s after",
				mail, sms, length.toSeconds(), Duration.between(down.plus(length), Instant.now()).toSeconds()));
	}

	@Test
	@Order(3)
	void followupKilledDuringADeadLetterReplayAppliesTheEventOnceWhenItIsReplayedAgain() {
		boolean landedInside = false;
		for (long delay : List.of(150L, 40L)) {
			landedInside |= replayKilledAfter(delay);
			if (landedInside) {
				break;
			}
		}
		assertThat(landedInside).as("a kill -9 landed inside a replay, before it committed").isTrue();
	}

	/**
	 * An urgent finding that follow-up dead-lettered is replayed by an administrator, and
	 * follow-up is killed while it replays. Whatever the kill interrupted, replaying
	 * again applies it exactly once: one urgent alert, one page.
	 * @return whether the kill landed before the replay committed
	 */
	private boolean replayKilledAfter(long delayMillis) {
		Map.Entry<Patient, String> referral = journeys.referral();
		String patientId = referral.getValue();
		journeys.assessedOnce(patientId);
		String eventId = deadLetterUrgentFinding(patientId);
		JsonNode letter = api.await("the dead letter listed for follow-up", Duration.ofMinutes(1),
				() -> api.get(Role.ADMIN, "/admin/followup/dead-letters?limit=1000"),
				(json) -> Journeys.find(json, "eventId", eventId) != null);
		JsonNode found = Journeys.find(letter, "eventId", eventId);
		String path = "/admin/followup/dead-letters/" + found.get("topic").asString() + "/"
				+ found.get("partition").asInt() + "/" + found.get("offset").asLong() + "/replay";

		tally.faultWindow(true);
		tally.faultsInjected.incrementAndGet();
		CompletableFuture<Reply> replay = CompletableFuture
			.supplyAsync(() -> api.once(Role.ADMIN, "POST", path, null, null));
		Api.pause(delayMillis);
		Instant killedAt = Instant.now();
		List<Long> pids = StackProcesses.kill9("followup");
		Reply interrupted = replay.join();
		StackProcesses.awaitReady(api, Duration.ofMinutes(4));
		tally.faultWindow(false);
		JsonNode afterRestart = Journeys.find(api.get(Role.ADMIN, "/admin/followup/dead-letters?limit=1000").json(),
				"eventId", eventId);
		boolean committed = !afterRestart.path("replayedAt").isNull()
				&& !afterRestart.path("replayedAt").asString("").isEmpty();

		Reply again = api.post(Role.ADMIN, path, null, null);
		assertThat(again.status()).as("the replay after the restart: %s", again.body()).isEqualTo(200);
		String alertId = journeys.urgentAlertOnce(referral.getKey(), patientId);
		Reply third = api.post(Role.ADMIN, path, null, null);
		assertThat(third.json().get("replayedAt").asString()).as("a third replay answers the one that applied it")
			.isEqualTo(again.json().get("replayedAt").asString());
		journeys.urgentAlertOnce(referral.getKey(), patientId);
		log.add(String.format(
				"kill -9 followup %s %d ms into a dead-letter replay (answer %d; the replay had %s): replayed again"
						+ " after the restart, alert %s raised once and paged once",
				pids, delayMillis, interrupted.status(), committed ? "already committed" : "not committed", alertId));
		log.add(String.format("  every process ready again %d s after the kill",
				Duration.between(killedAt, Instant.now()).toSeconds()));
		return !committed && interrupted.status() != 200;
	}

	/**
	 * Writes an urgent finding for the patient onto screening's dead-letter topic as
	 * follow-up's error handler would have after giving up on it: the original event with
	 * the headers naming the topic and consumer group it failed in.
	 * @return the event's id
	 */
	private static String deadLetterUrgentFinding(String patientId) {
		String eventId = UUID.randomUUID().toString();
		Instant now = Instant.now();
		String data = String.format(
				"{\"patientId\":\"%s\",\"assessmentId\":\"%s\",\"urgentRuleIds\":[\"SCR-URG-03\"],"
						+ "\"requestedAt\":\"%s\",\"reviewDueAt\":\"%s\",\"clinicId\":\"main\"}",
				patientId, UUID.randomUUID(), now, now.plus(Duration.ofHours(8)));
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_specversion", bytes("1.0"));
		headers.add("ce_id", bytes(eventId));
		headers.add("ce_source", bytes("/ketaclinic/screening"));
		headers.add("ce_type", bytes("org.ketaclinic.screening.UrgentReviewRequested.v1"));
		headers.add("ce_time", bytes(now.toString()));
		headers.add("content-type", bytes("application/json"));
		headers.add("kafka_dlt-original-topic", bytes("ketaclinic.screening.events"));
		headers.add("kafka_dlt-original-consumer-group", bytes("followup"));
		headers.add("ketaclinic_dlt-reason",
				bytes("java.lang.IllegalStateException: the fault suite's dead letter, fixed before its replay"));
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.kafka(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>("ketaclinic.screening.events.DLT", null, patientId, bytes(data), headers))
				.get();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new AssertionError("the dead letter could not be written", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		return eventId;
	}

	/**
	 * Kafka goes down, every broker, and stays down for the outage's length: every
	 * service's health says so while its readiness stays UP, and a referral is accepted
	 * meanwhile (its events wait in intake's outbox).
	 * @return the referral's patient id
	 */
	private String kafkaDown() {
		Duration length = RetryBudgets.outage("KETACLINIC_OUTAGE_KAFKA", "2m");
		exceeds("Kafka down", length, RetryBudgets.kafka());
		List<String> brokers = StackProcesses.kafkaChildren();
		brokers.forEach(StackProcesses::hold);
		tally.faultWindow(true);
		tally.faultsInjected.incrementAndGet();
		Instant down = Instant.now();
		List<Long> pids = StackProcesses.kill9("kafka");
		String patientId;
		try {
			Map<String, Duration> seen = Probes.kafkaDownWhileReady(api);
			patientId = journeys.referral().getValue();
			tally.effect();
			log.add(String.format("kill -9 every Kafka broker %s, kept down %d s: health DOWN (kafka), readiness UP on"
					+ " %s; a referral accepted meanwhile", pids, length.toSeconds(), seen));
			sleepUntil(down.plus(length));
		}
		finally {
			brokers.forEach(StackProcesses::release);
		}
		recover(down);
		return patientId;
	}

	/**
	 * PostgreSQL is frozen (SIGSTOP: its connections stay open and answer nothing) for
	 * the outage's length: a command is answered 503 problem+json within seconds, having
	 * changed nothing, and every service's readiness reports the database DOWN.
	 */
	private void postgresFrozen(String patientId) {
		Duration length = RetryBudgets.outage("KETACLINIC_OUTAGE_POSTGRES", "90s");
		exceeds("PostgreSQL frozen", length, RetryBudgets.database());
		tally.faultWindow(true);
		tally.faultsInjected.incrementAndGet();
		List<Long> pids = StackProcesses.freeze("postgres");
		Instant frozen = Instant.now();
		try {
			Reply reply = api.once(Role.CLINICIAN, "POST", "/api/followup/patients/" + patientId + "/check-ins", null,
					"outage-suite-probe-" + patientId);
			Duration took = Duration.between(frozen, Instant.now());
			Map<String, Duration> down = Probes.readinessDown(api, "db");
			assertThat(reply.status()).as("a command while the database answers nothing").isEqualTo(503);
			assertThat(reply.isProblem()).as("a problem+json answer").isTrue();
			assertThat(took).as("answered within seconds, not held for the outage").isLessThan(DATABASE_ANSWER);
			tally.effect();
			log.add(String.format(
					"PostgreSQL frozen (SIGSTOP of the postmaster and %d backends) for %d s: a command answered 503"
							+ " problem+json in %d ms; readiness DOWN (db) on %s",
					pids.size() - 1, length.toSeconds(), took.toMillis(), down));
			sleepUntil(frozen.plus(length));
		}
		finally {
			StackProcesses.thaw(pids);
		}
		recover(frozen);
	}

	/** The outage lasts longer than every retry budget it is meant to outlast. */
	private static void exceeds(String outage, Duration length, Map<String, Duration> budgets) {
		budgets.forEach((name, budget) -> assertThat(length)
			.as("%s for %d s must outlast the %s (%d s)", outage, length.toSeconds(), name, budget.toSeconds())
			.isGreaterThan(budget));
		log.add(String.format("%s for %d s, longer than %s", outage, length.toSeconds(), budgets));
	}

	private static void sleepUntil(Instant end) {
		long left = Duration.between(Instant.now(), end).toMillis();
		if (left > 0) {
			Api.pause(left);
		}
	}

	private static void recover(Instant since) {
		StackProcesses.awaitReady(api, Duration.ofMinutes(4));
		log.add(String.format("  every process ready again %d s after the outage began",
				Duration.between(since, Instant.now()).toSeconds()));
		tally.faultWindow(false);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@AfterAll
	static void report() {
		log.forEach((line) -> System.out.println("outage-suite: " + line));
		System.out.printf(
				"outage-suite: %d outages, %d effects checked, %d journeys, %d requests (%d refused connections, %d 5xx"
						+ " while an outage was open), 5xx outside outages = %d, 500s = %d; statuses %s%n",
				tally.faultsInjected.get(), tally.effectsChecked.get(), tally.journeysCompleted.get(),
				tally.requests.get(), tally.connectionsRefused.get(), tally.unavailableDuringFaults.get(),
				tally.serverErrorsOutsideFaults.get(), tally.internalErrors.get(), tally.statuses());
		assertThat(tally.internalErrors.get()).as("500 answers").isZero();
		assertThat(tally.serverErrorsOutsideFaults.get()).as("5xx answers outside outages").isZero();
	}

}
