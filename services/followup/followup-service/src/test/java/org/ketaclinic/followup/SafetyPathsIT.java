package org.ketaclinic.followup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.LocationId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;
import org.ketaclinic.followup.alert.Paging;
import org.ketaclinic.followup.events.EventTypes;
import org.ketaclinic.intake.events.PatientContactChanged.Channel;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.scheduling.events.CancellationReason;
import org.ketaclinic.scheduling.events.CorrectedStatus;
import org.ketaclinic.scheduling.events.PreDoseConcernRaised;
import org.ketaclinic.scheduling.events.PreDoseReason;
import org.ketaclinic.scheduling.events.SessionCancelled;
import org.ketaclinic.scheduling.events.SessionStatus;
import org.ketaclinic.scheduling.events.SessionStatusCorrected;
import org.ketaclinic.scheduling.events.StopReason;
import org.ketaclinic.scheduling.events.TreatmentPlanStopped;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.ScreeningDecided;
import org.ketaclinic.screening.events.UrgentReviewRequested;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17 on real infrastructure: every urgent finding pages a person at once by SMS
 * (naming no patient), escalates until acknowledged, whatever the hour and the budget;
 * the check-in never loses a crisis; stopped plans and corrected sessions reach the front
 * desk and the reminders.
 */
class SafetyPathsIT extends FollowupTestSupport {

	static final String ADMIN = TestTokens.bearer("admin-ada", "ADMIN");

	/** The demo roster, seeded as on the local stack. */
	static final String DEMO_PRIMARY = "+15550100911";

	static final String DEMO_BACKUP = "+15550100912";

	@Autowired
	Paging paging;

	@Autowired
	FollowupProperties properties;

	@Autowired
	MeterRegistry meters;

	@Test
	void anUrgentScreeningOutcomePagesThePrimaryAtOnceAndSitsInTheInboxAsScreening() {
		UUID patientId = UUID.randomUUID();
		UUID assessmentId = UUID.randomUUID();
		send(org.ketaclinic.screening.events.Topics.SCREENING, patientId, "/ketaclinic/screening",
				org.ketaclinic.screening.events.EventTypes.URGENT_REVIEW_REQUESTED,
				new UrgentReviewRequested(new PatientId(patientId), new AssessmentId(assessmentId),
						List.of("SCR-URG-01"), Instant.now(), Instant.now().plus(Duration.ofHours(8))));
		JsonNode alert = awaitAlert(patientId, "OPEN");
		assertThat(alert.get("source").asString()).isEqualTo("SCREENING");
		assertThat(alert.get("severity").asString()).isEqualTo("URGENT");
		assertThat(alert.get("reason").asString()).contains("C-SSRS");

		this.dispatcher.dispatchDue();

		String alertId = alert.get("alertId").asString();
		assertOnePageWithoutPatientData(DEMO_PRIMARY, alertId, patientId);
		JsonNode pages = alert(alertId).get("pages");
		assertThat(pages).hasSize(1);
		assertThat(pages.get(0).get("role").asString()).isEqualTo("PRIMARY");
		assertThat(pages.get(0).get("level").asInt()).isEqualTo(1);
		assertThat(pages.get(0).get("sentAt").isNull()).isFalse();
		var raised = followupEvents(patientId, EventTypes.URGENT_ALERT_RAISED, 1);
		assertThat(raised).hasSize(1);
		JsonNode event = EventJson.mapper().readTree(raised.get(0).value());
		assertThat(event.get("source").asString()).isEqualTo("SCREENING");
		assertThat(new EventSchemas().violations(EventTypes.URGENT_ALERT_RAISED, event)).isEmpty();

		// the clinician's decision in screening is the review: paging stops
		send(org.ketaclinic.screening.events.Topics.SCREENING, patientId, "/ketaclinic/screening",
				org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patientId), new AssessmentId(assessmentId), Decision.values()[0],
						null, List.of(), Instant.now()));
		JsonNode acknowledged = awaitAlert(patientId, "ACKNOWLEDGED");
		assertThat(acknowledged.get("acknowledgedBy").asString()).isEqualTo("screening decision");
		assertThat(followupEvents(patientId, EventTypes.URGENT_ALERT_ACKNOWLEDGED, 1)).hasSize(1);
	}

	@Test
	void anUrgentCheckInAtNightPagesThePrimaryAtOnce() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		String token = tokenOf(checkIn(patientId));
		this.clock.set(Instant.parse("2027-03-02T08:00:00Z")); // 03:00 in New York

		Result answered = post("/api/followup/check-ins/" + token, null, answers(2, true, false, false));
		assertThat(answered.status()).isEqualTo(201);
		this.dispatcher.dispatchDue();

		JsonNode alert = awaitAlert(patientId, "OPEN");
		assertThat(alert.get("source").asString()).isEqualTo("CHECK_IN");
		assertOnePageWithoutPatientData(DEMO_PRIMARY, alert.get("alertId").asString(), patientId);
	}

	@Test
	void aPositivePreDoseCheckPagesThatLocationsPrimaryOrElseTheClinicWideOne() {
		UUID location = UUID.randomUUID();
		String primary = phone();
		addEntry(location, "PRIMARY", "Dr. Here", primary, null, null);
		UUID patientId = UUID.randomUUID();
		preDose(patientId, location);
		JsonNode alert = awaitAlert(patientId, "OPEN");
		assertThat(alert.get("source").asString()).isEqualTo("PRE_DOSE");
		assertThat(alert.get("reason").asString()).contains("pre-dose");
		this.dispatcher.dispatchDue();
		assertOnePageWithoutPatientData(primary, alert.get("alertId").asString(), patientId);

		UUID elsewhere = UUID.randomUUID();
		preDose(elsewhere, UUID.randomUUID());
		JsonNode fallback = awaitAlert(elsewhere, "OPEN");
		this.dispatcher.dispatchDue();
		assertOnePageWithoutPatientData(DEMO_PRIMARY, fallback.get("alertId").asString(), elsewhere);
	}

	@Test
	void crisisWordsInATextReplyPageThePrimaryAndTextCrisisResourcesBackWhateverTheHourAndBudget() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, Channel.SMS, true, false);
		checkIn(patientId);
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone)).hasSize(1); // the day's budget is spent
		this.clock.set(Instant.parse("2027-03-02T04:30:00Z")); // 23:30 in New York

		assertThat(reply(phone, "I can't go on, I want to END MY LIFE.")).isEqualTo(202);
		JsonNode alert = awaitAlert(patientId, "OPEN");
		this.dispatcher.dispatchDue();

		assertThat(alert.get("source").asString()).isEqualTo("SMS_REPLY");
		assertThat(alert.get("severity").asString()).isEqualTo("URGENT");
		assertOnePageWithoutPatientData(DEMO_PRIMARY, alert.get("alertId").asString(), patientId);
		assertThat(SMS.messagesTo(phone)).hasSize(2);
		assertThat(SMS.messagesTo(phone).get(0).get("body").toString()).contains("988").contains("911");

		assertThat(reply(phone, "Thanks, see you next week")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(openAlertsOf(patientId)).as("no crisis words, no alert").hasSize(1);
		assertThat(reply(phone, "STOP")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone).get(0).get("body").toString()).contains("no more text messages");
	}

	@Test
	void aPageGoesOutInTheFirstPassEvenBehindMoreDueMessagesThanOneBatch() {
		UUID location = UUID.randomUUID();
		String primary = phone();
		addEntry(location, "PRIMARY", "Dr. Primary", primary, null, null);
		// check-ins for patients whose contact details have not arrived yet: older than
		// the page, more than a batch, and all of them put off by a minute
		java.sql.Timestamp earlier = java.sql.Timestamp.from(this.clock.instant().minusSeconds(30));
		for (int i = 0; i < this.properties.delivery().batchSize() * 2 + 1; i++) {
			this.jdbc.update("""
					INSERT INTO message (message_id, patient_id, kind, origin, due_at, scheduled_for, status,
						created_at, updated_at, clinic_id)
					VALUES (?, ?, 'CHECK_IN', ?, ?, ?, 'PLANNED', ?, ?, 'main')
					""", UUID.randomUUID(), UUID.randomUUID(), "test-deferred:" + UUID.randomUUID(), earlier, earlier,
					earlier, earlier);
		}
		UUID patientId = UUID.randomUUID();
		preDose(patientId, location);
		String alertId = awaitAlert(patientId, "OPEN").get("alertId").asString();

		this.dispatcher.dispatchOnce();

		assertThat(pagesTo(primary, alertId)).as("paged in the first pass, before the older messages").hasSize(1);
	}

	@Test
	void anUnacknowledgedAlertEscalatesToTheBackupAfter15MinutesThenToEveryClinicianAgainAndAgain() throws Exception {
		UUID location = UUID.randomUUID();
		String primary = phone();
		String backup = phone();
		String clinicianA = phone();
		String clinicianB = phone();
		addEntry(location, "PRIMARY", "Dr. Primary", primary, null, null);
		addEntry(location, "BACKUP", "Dr. Backup", backup, null, null);
		addEntry(location, "CLINICIAN", "Dr. A", clinicianA, null, null);
		addEntry(location, "CLINICIAN", "Dr. B", clinicianB, null, null);
		// out of its window: never paged
		String offDuty = phone();
		addEntry(location, "CLINICIAN", "Dr. Off", offDuty, "2027-04-01T00:00:00Z", null);
		UUID patientId = UUID.randomUUID();
		preDose(patientId, location);
		String alertId = awaitAlert(patientId, "OPEN").get("alertId").asString();
		this.dispatcher.dispatchDue();
		assertThat(pagesTo(primary, alertId)).hasSize(1);

		this.clock.advance(Duration.ofMinutes(14).plusSeconds(59));
		this.paging.escalateDue();
		this.dispatcher.dispatchDue();
		assertThat(pagesTo(backup, alertId)).as("not before 15 minutes").isEmpty();

		this.clock.advance(Duration.ofSeconds(1));
		this.paging.escalateDue();
		this.dispatcher.dispatchDue();
		assertThat(pagesTo(backup, alertId)).hasSize(1);
		assertThat(pagesTo(clinicianA, alertId)).isEmpty();

		this.clock.advance(Duration.ofMinutes(15));
		this.paging.escalateDue();
		this.paging.escalateDue(); // a second pass, as a second instance's, pages nobody
									// twice
		this.dispatcher.dispatchDue();
		assertThat(pagesTo(clinicianA, alertId)).hasSize(1);
		assertThat(pagesTo(clinicianB, alertId)).hasSize(1);
		assertThat(pagesTo(primary, alertId)).as("the primary again").hasSize(2);
		assertThat(pagesTo(backup, alertId)).as("the backup again").hasSize(2);
		assertThat(pagesTo(offDuty, alertId)).isEmpty();
		for (String phone : List.of(primary, backup, clinicianA, clinicianB)) {
			assertThat(pagesTo(phone, alertId).get(0).get("body").toString()).contains(alertId)
				.doesNotContain(patientId.toString());
		}
		JsonNode pages = alert(alertId).get("pages");
		List<String> levels = new ArrayList<>();
		pages.forEach((page) -> levels.add(page.get("level").asInt() + ":" + page.get("role").asString()));
		assertThat(levels).containsExactlyInAnyOrder("1:PRIMARY", "2:BACKUP", "3:PRIMARY", "3:BACKUP", "3:CLINICIAN",
				"3:CLINICIAN");

		this.clock.advance(Duration.ofMinutes(14));
		this.paging.escalateDue();
		this.dispatcher.dispatchDue();
		assertThat(pagesTo(primary, alertId)).as("not before the period").hasSize(2);
		this.clock.advance(Duration.ofMinutes(1));
		this.paging.escalateDue();
		this.dispatcher.dispatchDue();
		for (String phone : List.of(primary, backup, clinicianA, clinicianB)) {
			assertThat(pagesTo(phone, alertId)).as("everyone again after level 3: paging never stalls")
				.hasSize(phone.equals(primary) || phone.equals(backup) ? 3 : 2);
		}
		this.clock.advance(Duration.ofMinutes(15));
		this.paging.escalateDue();
		this.dispatcher.dispatchDue();
		assertThat(pagesTo(clinicianA, alertId)).as("and again, every period").hasSize(3);

		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "Called"))
			.status()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(60));
		this.paging.escalateDue();
		this.dispatcher.dispatchDue();
		assertThat(pagesTo(clinicianA, alertId)).as("until acknowledged").hasSize(3);
	}

	@Test
	void aPageTheProviderRefusesPagesTheNextLevelAtOnce() {
		UUID location = UUID.randomUUID();
		String unreachable = "+1555000" + String.format("%04d", (int) (Math.random() * 9999));
		String backup = phone();
		addEntry(location, "PRIMARY", "Dr. Unreachable", unreachable, null, null);
		addEntry(location, "BACKUP", "Dr. Backup", backup, null, null);
		UUID patientId = UUID.randomUUID();
		preDose(patientId, location);
		String alertId = awaitAlert(patientId, "OPEN").get("alertId").asString();

		this.dispatcher.dispatchDue();
		assertThat(alert(alertId).get("pages").get(0).get("status").asString()).isEqualTo("UNDELIVERABLE");
		this.paging.escalateDue(); // no time has passed
		this.dispatcher.dispatchDue();

		assertThat(pagesTo(backup, alertId)).as("the backup at once, not after 15 minutes").hasSize(1);
	}

	@Test
	void acknowledgingCancelsAPageThatIsStillBeingRetried() {
		UUID location = UUID.randomUUID();
		String primary = phone();
		addEntry(location, "PRIMARY", "Dr. Primary", primary, null, null);
		this.dispatcher.dispatchDue(); // anything else due goes first
		UUID patientId = UUID.randomUUID();
		preDose(patientId, location);
		String alertId = awaitAlert(patientId, "OPEN").get("alertId").asString();
		SMS.failNext(1);
		this.dispatcher.dispatchDue();
		String pageStatus = "SELECT m.status FROM message m JOIN page p ON p.message_id = m.message_id"
				+ " WHERE p.alert_id = ?::uuid";
		assertThat(this.jdbc.queryForList(pageStatus, String.class, alertId)).as("to be retried")
			.containsExactly("FAILED");

		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "On it"))
			.status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(5));
		this.dispatcher.dispatchDue();

		assertThat(pagesTo(primary, alertId)).as("the retry is not sent once acknowledged").isEmpty();
		assertThat(this.jdbc.queryForList(pageStatus, String.class, alertId)).containsExactly("CANCELLED");
	}

	@Test
	void anAlertWithoutALocationPagesAPerLocationPrimaryWhenTheClinicHasNoClinicWideOne() {
		List<UUID> clinicWide = this.jdbc.queryForList(
				"UPDATE on_call SET removed_at = now() WHERE removed_at IS NULL AND location_id IS NULL RETURNING entry_id",
				UUID.class);
		try {
			String primary = phone();
			// the latest start is the one on call (others' entries may have been added at
			// the same moment)
			addEntry(UUID.randomUUID(), "PRIMARY", "Dr. North", primary, "2027-03-01T14:00:00Z", null);
			UUID patientId = UUID.randomUUID();
			urgentScreening(patientId);
			String alertId = awaitAlert(patientId, "OPEN").get("alertId").asString();
			this.dispatcher.dispatchDue();

			assertOnePageWithoutPatientData(primary, alertId, patientId);
			assertThat(alert(alertId).get("unpaged").asBoolean()).isFalse();
		}
		finally {
			restore(clinicWide);
		}
	}

	@Test
	void anUrgentAlertNobodyOnCallCanBePagedForIsVisibleAtOnce() {
		List<UUID> everyone = this.jdbc.queryForList(
				"UPDATE on_call SET removed_at = now() WHERE removed_at IS NULL RETURNING entry_id", UUID.class);
		try {
			double before = this.meters.counter("ketaclinic.followup.alerts.unpaged").count();
			UUID patientId = UUID.randomUUID();
			urgentScreening(patientId);
			JsonNode alert = awaitAlert(patientId, "OPEN");

			assertThat(alert.get("unpaged").asBoolean()).isTrue();
			assertThat(alert.get("warning").asString()).contains("Nobody on call could be paged");
			assertThat(this.meters.counter("ketaclinic.followup.alerts.unpaged").count()).isEqualTo(before + 1);
			List<JsonNode> tasks = tasksOf(patientId);
			assertThat(tasks).hasSize(1);
			assertThat(tasks.get(0).get("kind").asString()).isEqualTo("CALL_ON_CALL");
			assertThat(tasks.get(0).get("urgent").asBoolean()).isTrue();
			assertThat(tasks.get(0).get("detail").asString())
				.startsWith("Nobody on call could be paged for an urgent alert: call the on-call clinician");
			assertThat(get("/api/followup/tasks?status=OPEN", CLINICIAN).get(0).get("urgent").asBoolean())
				.as("urgent tasks first, for clinicians too")
				.isTrue();

			this.clock.advance(Duration.ofMinutes(15));
			this.paging.escalateDue();
			assertThat(tasksOf(patientId)).as("one task per alert").hasSize(1);
			restore(everyone);
			everyone = List.of();
			this.clock.advance(Duration.ofMinutes(15));
			this.paging.escalateDue();
			this.dispatcher.dispatchDue();
			String alertId = alert.get("alertId").asString();
			assertOnePageWithoutPatientData(DEMO_PRIMARY, alertId, patientId);
			assertThat(alert(alertId).get("unpaged").asBoolean()).as("paged once somebody is on call").isFalse();
		}
		finally {
			restore(everyone);
		}
	}

	@Test
	void theLastPrimaryOnCallCannotBeRemoved() {
		List<UUID> primaries = this.jdbc.queryForList(
				"UPDATE on_call SET removed_at = now() WHERE removed_at IS NULL AND role = 'PRIMARY' RETURNING entry_id",
				UUID.class);
		try {
			UUID location = UUID.randomUUID();
			addEntry(location, "PRIMARY", "Dr. Only", phone(), null, null);
			String only = rosterAt(location, ADMIN).get(0);
			// one whose window has not started does not count
			addEntry(UUID.randomUUID(), "PRIMARY", "Dr. Later", phone(), "2027-04-01T00:00:00Z", null);

			Result refused = delete("/api/followup/on-call/" + only, ADMIN);
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.contentType()).contains("application/problem+json");
			assertThat(refused.json().get("detail").asString()).contains("A primary must stay on call");
			assertThat(rosterAt(location, ADMIN)).containsExactly(only);

			addEntry(location, "PRIMARY", "Dr. Next", phone(), null, null);
			assertThat(delete("/api/followup/on-call/" + only, ADMIN).status()).isEqualTo(204);
		}
		finally {
			restore(primaries);
		}
	}

	@Test
	void aCrisisTextFromANumberNoPatientHasGetsTheCrisisResourcesAndAnUrgentTaskToCallIt() {
		String stranger = phone();
		this.clock.set(Instant.parse("2027-03-02T04:30:00Z")); // 23:30 in New York

		String words = "I can't go on " + UUID.randomUUID() + ", I want to end my life";
		assertThat(reply(stranger, words)).isEqualTo(202);
		this.dispatcher.dispatchDue();

		assertThat(SMS.messagesTo(stranger)).hasSize(1);
		assertThat(SMS.messagesTo(stranger).get(0).get("body").toString()).contains("988").contains("911");
		List<JsonNode> tasks = new ArrayList<>();
		get("/api/followup/tasks?status=OPEN", FRONT_DESK).forEach((task) -> {
			if (task.get("detail").asString().contains(stranger)) {
				tasks.add(task);
			}
		});
		assertThat(tasks).hasSize(1);
		assertThat(tasks.get(0).get("kind").asString()).isEqualTo("CALL_NUMBER");
		assertThat(tasks.get(0).get("urgent").asBoolean()).isTrue();
		assertThat(tasks.get(0).path("patientId").isNull()).isTrue();
		assertThat(tasks.get(0).get("detail").asString()).startsWith("Call " + stranger + " now")
			.doesNotContain("can't go on");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM staff_task WHERE detail LIKE ?", Integer.class,
				"%" + words.substring(14, 50) + "%"))
			.as("the text itself is not kept")
			.isZero();

		assertThat(reply(stranger, "hello?")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(stranger)).as("anything else from the number is still ignored").hasSize(1);
	}

	@Test
	void aNumberIsTextedTheCrisisResourcesAtMostOnceAnHourSoAnEchoedReplyCannotLoop() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, Channel.SMS, true, false);

		assertThat(reply(phone, "I want to die")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(crisisRepliesTo(phone)).hasSize(1);
		// an auto-responder echoing every text back, or the patient writing again
		assertThat(reply(phone, "Auto-reply: I want to die")).isEqualTo(202);
		assertThat(reply(phone, "want to die, want to die")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(crisisRepliesTo(phone)).as("one crisis reply an hour per number").hasSize(1);
		assertThat(openAlertsOf(patientId)).as("every crisis text still raises its alert").hasSize(3);

		this.clock.advance(Duration.ofMinutes(61));
		assertThat(reply(phone, "I want to die")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(crisisRepliesTo(phone)).as("an hour later, again").hasSize(2);

		String stranger = phone();
		assertThat(reply(stranger, "overdose")).isEqualTo(202);
		assertThat(reply(stranger, "overdose")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(crisisRepliesTo(stranger)).as("a number no patient has, the same").hasSize(1);
	}

	private static List<Map<String, Object>> crisisRepliesTo(String phone) {
		return SMS.messagesTo(phone).stream().filter((m) -> m.get("body").toString().contains("988")).toList();
	}

	@Test
	void twoInstancesEscalatingAtTheSameMomentPageTheBackupOnce() throws Exception {
		UUID location = UUID.randomUUID();
		String backup = phone();
		addEntry(location, "PRIMARY", "Dr. Primary", phone(), null, null);
		addEntry(location, "BACKUP", "Dr. Backup", backup, null, null);
		UUID patientId = UUID.randomUUID();
		preDose(patientId, location);
		String alertId = awaitAlert(patientId, "OPEN").get("alertId").asString();
		this.clock.advance(Duration.ofMinutes(15));

		java.util.concurrent.ExecutorService instances = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			List<java.util.concurrent.Future<Integer>> passes = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				passes.add(instances.submit(() -> this.paging.escalateDue()));
			}
			for (java.util.concurrent.Future<Integer> pass : passes) {
				pass.get();
			}
		}
		finally {
			instances.shutdown();
		}
		this.dispatcher.dispatchDue();

		assertThat(SMS.messagesTo(backup)).hasSize(1);
		List<String> levels = new ArrayList<>();
		alert(alertId).get("pages")
			.forEach((page) -> levels.add(page.get("level").asInt() + ":" + page.get("role").asString()));
		assertThat(levels).containsExactly("1:PRIMARY", "2:BACKUP");
	}

	@Test
	void acknowledgingStopsTheEscalationAndIsPublished() throws Exception {
		UUID location = UUID.randomUUID();
		String primary = phone();
		String backup = phone();
		addEntry(location, "PRIMARY", "Dr. Primary", primary, null, null);
		addEntry(location, "BACKUP", "Dr. Backup", backup, null, null);
		UUID patientId = UUID.randomUUID();
		preDose(patientId, location);
		String alertId = awaitAlert(patientId, "OPEN").get("alertId").asString();
		this.dispatcher.dispatchDue();
		this.clock.advance(Duration.ofMinutes(10));

		Result acknowledged = post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN,
				Map.of("note", "Saw the patient in the chair; dose held, safe"));
		assertThat(acknowledged.status()).isEqualTo(200);
		assertThat(acknowledged.json().get("acknowledgedBy").asString()).isEqualTo("dr-lee");
		assertThat(acknowledged.json().get("acknowledgedAt").isNull()).isFalse();
		assertThat(acknowledged.json().get("pages").get(0).get("acknowledgedAt").isNull()).isFalse();

		this.clock.advance(Duration.ofMinutes(60));
		this.paging.escalateDue();
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(primary)).hasSize(1);
		assertThat(SMS.messagesTo(backup)).as("acknowledged: no escalation").isEmpty();
		var events = followupEvents(patientId, EventTypes.URGENT_ALERT_ACKNOWLEDGED, 1);
		assertThat(events).hasSize(1);
		JsonNode event = EventJson.mapper().readTree(events.get(0).value());
		assertThat(event.get("alertId").asString()).isEqualTo(alertId);
		assertThat(new EventSchemas().violations(EventTypes.URGENT_ALERT_ACKNOWLEDGED, event)).isEmpty();
		JsonNode listed = null;
		for (JsonNode alert : get("/api/followup/alerts?status=ACKNOWLEDGED", CLINICIAN)) {
			if (alertId.equals(alert.get("alertId").asString())) {
				listed = alert;
			}
		}
		assertThat(listed).isNotNull();
		assertThat(listed.get("source").asString()).isEqualTo("PRE_DOSE");
		assertThat(listed.get("pages")).hasSize(1);
	}

	@Test
	void everySafetyAnswerIsRequiredAndTheLinkStillWorksAfterARefusal() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		String token = tokenOf(checkIn(patientId));

		Map<String, Object> blank = new HashMap<>(answers(0, false, false, false));
		blank.put("safety", Map.of());
		assertThat(fields(post("/api/followup/check-ins/" + token, null, blank)))
			.containsExactlyInAnyOrder("safety.suicidalIntent", "safety.suicidalPlan", "safety.suicidalBehaviour");
		Map<String, Object> noBehaviour = new HashMap<>(answers(0, false, false, false));
		Map<String, Object> safety = new HashMap<>();
		safety.put("suicidalIntent", false);
		safety.put("suicidalPlan", false);
		safety.put("suicidalBehaviour", null);
		noBehaviour.put("safety", safety);
		Result refused = post("/api/followup/check-ins/" + token, null, noBehaviour);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).contains("application/problem+json");
		assertThat(fields(refused)).containsExactly("safety.suicidalBehaviour");
		Map<String, Object> noSafety = new HashMap<>(answers(0, false, false, false));
		noSafety.remove("safety");
		assertThat(fields(post("/api/followup/check-ins/" + token, null, noSafety)))
			.containsExactlyInAnyOrder("safety.suicidalIntent", "safety.suicidalPlan", "safety.suicidalBehaviour");

		Result answered = post("/api/followup/check-ins/" + token, null, answers(0, false, false, true));
		assertThat(answered.status()).as("the link still works").isEqualTo(201);
		assertThat(answered.json().get("urgent").asBoolean()).as("behaviour alone is urgent").isTrue();
	}

	@Test
	void theServedCheckInPageHoldsTheCrisisResourcesAndRequiresEverySafetyAnswer() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		String token = tokenOf(checkIn(patientId));

		String page = this.client.get().uri("/checkin/" + token).retrieve().body(String.class);

		// the resources are in the page as served, not fetched when needed: the browser
		// journey checks they show with the network down
		java.util.regex.Matcher crisis = java.util.regex.Pattern.compile("<div id=\"crisis\"[^>]*>([^<]*)</div>")
			.matcher(page);
		assertThat(crisis.find()).isTrue();
		assertThat(crisis.group(1)).isEqualTo(HtmlUtils.htmlEscape(this.properties.crisisText())).contains("988");
		for (String name : List.of("suicidalIntent", "suicidalPlan", "suicidalBehaviour")) {
			java.util.regex.Matcher inputs = java.util.regex.Pattern
				.compile("<input type=\"radio\" name=\"" + name + "\" value=\"(true|false)\"([^>]*)>")
				.matcher(page);
			int found = 0;
			while (inputs.find()) {
				assertThat(inputs.group(2)).as(name + " " + inputs.group(1)).contains("required");
				found++;
			}
			assertThat(found).as(name + ": a yes and a no").isEqualTo(2);
		}
	}

	@Test
	void aCheckInWithABlankPhq9ItemIsTakenAndItsItem9Screened() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		UUID checkInId = checkIn(patientId);
		Map<String, Object> partial = new HashMap<>();
		partial.put("phq9Items", java.util.Arrays.asList(1, null, 1, 1, 1, 1, 1, 1, 3));
		partial.put("safety", Map.of("suicidalIntent", false, "suicidalPlan", false, "suicidalBehaviour", false));

		Result answered = post("/api/followup/check-ins/" + tokenOf(checkInId), null, partial);

		assertThat(answered.status()).as(String.valueOf(answered.json())).isEqualTo(201);
		assertThat(answered.json().get("urgent").asBoolean()).isTrue();
		assertThat(answered.json().get("crisisResources").asString()).contains("988");
		assertThat(answered.json().get("phq9Total").isNull()).as("unknown with an item blank").isTrue();
		assertThat(
				this.jdbc.queryForMap("SELECT phq9_item9, phq9_total FROM check_in WHERE check_in_id = ?", checkInId))
			.containsEntry("phq9_item9", 3)
			.containsEntry("phq9_total", null);
		JsonNode alert = awaitAlert(patientId, "OPEN");
		assertThat(alert.get("reasons").toString()).contains("PHQ9_ITEM9_AT_LEAST_2");

		Map<String, Object> blankItem9 = new HashMap<>(partial);
		blankItem9.put("phq9Items", java.util.Arrays.asList(1, 1, 1, 1, 1, 1, 1, 1, null));
		UUID other = checkIn(patientId);
		assertThat(fields(post("/api/followup/check-ins/" + tokenOf(other), null, blankItem9)))
			.as("item 9 is a safety answer: a blank is not a no")
			.containsExactly("phq9Items[8]");
	}

	@Test
	void anIncompleteAnswerIsScreenedLikeACompleteOneAndTheCompleteAnswerRaisesAndPagesForItself() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		String token = tokenOf(checkIn(patientId));
		this.dispatcher.dispatchDue(); // the check-in's own link
		Map<String, Object> incomplete = new HashMap<>();
		incomplete.put("phq9Items", List.of(1, 1, 1, 1, 1, 1, 1, 1, 0));
		Map<String, Object> safety = new HashMap<>();
		safety.put("suicidalIntent", true);
		safety.put("suicidalPlan", null);
		safety.put("suicidalBehaviour", false);
		incomplete.put("safety", safety);

		Result refused = post("/api/followup/check-ins/" + token, null, incomplete);

		assertThat(fields(refused)).containsExactly("safety.suicidalPlan");
		assertThat(refused.contentType()).contains("application/problem+json");
		assertThat(refused.json().get("crisisResources").asString()).contains("988");
		JsonNode alert = awaitAlert(patientId, "OPEN");
		assertThat(alert.get("severity").asString()).isEqualTo("URGENT");
		assertThat(alert.get("source").asString()).isEqualTo("CHECK_IN");
		assertThat(alert.get("reasons").toString()).contains("SUICIDAL_INTENT");
		String alertId = alert.get("alertId").asString();
		this.dispatcher.dispatchDue();
		assertOnePageWithoutPatientData(DEMO_PRIMARY, alertId, patientId);

		Map<String, Object> item9Only = new HashMap<>();
		item9Only.put("phq9Items", List.of(1, 1, 1, 1, 1, 1, 1, 1, 1));
		item9Only.put("safety", Map.of());
		Result reviewOnly = post("/api/followup/check-ins/" + token, null, item9Only);
		assertThat(reviewOnly.status()).isEqualTo(400);
		assertThat(reviewOnly.json().has("crisisResources"))
			.as("item 9 of 1 alone is for review, as on a complete answer: no crisis banner")
			.isFalse();
		List<JsonNode> reviews = openAlertsOf(patientId).stream()
			.filter((open) -> "REVIEW".equals(open.get("severity").asString()))
			.toList();
		assertThat(reviews).hasSize(1);
		assertThat(reviews.get(0).get("reasons").toString()).contains("PHQ9_ITEM9_IS_1");

		Result answered = post("/api/followup/check-ins/" + token, null, answers(0, true, false, false));
		assertThat(answered.status()).as("the link still takes the complete answers").isEqualTo(201);
		assertThat(answered.json().get("urgent").asBoolean()).isTrue();
		this.dispatcher.dispatchDue();
		assertThat(openAlertsOf(patientId)).as("the complete answer raises its own alert").hasSize(3);
		var raised = followupEvents(patientId, EventTypes.URGENT_ALERT_RAISED, 2);
		assertThat(raised).as("the incomplete answer's and the complete answer's").hasSize(2);
		assertThat(SMS.messagesTo(DEMO_PRIMARY)
			.stream()
			.filter((message) -> message.get("body").toString().contains("#alert="))
			.filter((message) -> raised.stream()
				.anyMatch((event) -> message.get("body").toString().contains(alertIdOf(event))))
			.toList()).as("each urgent alert paged once, the review one never").hasSize(2);

		UUID calm = UUID.randomUUID();
		contact(calm, phone(), null, Channel.SMS, true, false);
		Map<String, Object> blankButNo = new HashMap<>(incomplete);
		blankButNo.put("safety", Map.of("suicidalIntent", false, "suicidalBehaviour", false));
		Result plain = post("/api/followup/check-ins/" + tokenOf(checkIn(calm)), null, blankButNo);
		assertThat(fields(plain)).containsExactly("safety.suicidalPlan");
		assertThat(plain.json().has("crisisResources")).as("nothing positive, nothing raised").isFalse();
		assertThat(openAlertsOf(calm)).isEmpty();
		assertThat(incompleteAlertEntries(patientId)).as("each alert a refused answer raised is audited with it")
			.isEqualTo(2);
		assertThat(incompleteAlertEntries(calm)).isZero();
	}

	private int incompleteAlertEntries(UUID patientId) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE patient_id = ? AND action = 'CHECK_IN_INCOMPLETE_ALERT_RAISED'",
				Integer.class, patientId);
	}

	@Test
	void anAcknowledgedAlertForAnIncompleteAnswerDoesNotSilenceTheCompleteAnswer() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		String token = tokenOf(checkIn(patientId));
		this.dispatcher.dispatchDue(); // the check-in's own link
		Map<String, Object> incomplete = new HashMap<>();
		incomplete.put("phq9Items", List.of(1, 1, 1, 1, 1, 1, 1, 1, 2));
		Map<String, Object> safety = new HashMap<>();
		safety.put("suicidalIntent", false);
		safety.put("suicidalPlan", null);
		safety.put("suicidalBehaviour", false);
		incomplete.put("safety", safety);
		assertThat(fields(post("/api/followup/check-ins/" + token, null, incomplete)))
			.containsExactly("safety.suicidalPlan");
		String first = awaitAlert(patientId, "OPEN").get("alertId").asString();
		this.dispatcher.dispatchDue();
		assertOnePageWithoutPatientData(DEMO_PRIMARY, first, patientId);
		assertThat(post("/api/followup/alerts/" + first + "/acknowledgement", CLINICIAN,
				Map.of("note", "Called the patient, item 9 discussed"))
			.status()).isEqualTo(200);
		assertThat(openAlertsOf(patientId)).isEmpty();

		Result answered = post("/api/followup/check-ins/" + token, null, answers(2, true, true, false));
		assertThat(answered.status()).isEqualTo(201);
		assertThat(answered.json().get("urgent").asBoolean()).isTrue();
		this.dispatcher.dispatchDue();

		List<JsonNode> open = openAlertsOf(patientId);
		assertThat(open).as("intent and a plan: a new urgent alert, whatever was acknowledged before").hasSize(1);
		String second = open.get(0).get("alertId").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(open.get(0).get("severity").asString()).isEqualTo("URGENT");
		assertThat(open.get(0).get("reasons").toString()).contains("SUICIDAL_INTENT").contains("SUICIDAL_PLAN");
		assertOnePageWithoutPatientData(DEMO_PRIMARY, second, patientId);
		assertThat(followupEvents(patientId, EventTypes.URGENT_ALERT_RAISED, 2)).hasSize(2);
	}

	@Test
	void aStoppedPlanOpensOneCallTaskForTheFrontDesk() {
		UUID patientId = UUID.randomUUID();
		UUID planId = UUID.randomUUID();
		ProducerRecord<String, byte[]> stopped = CloudEventRecords.of(
				org.ketaclinic.scheduling.events.Topics.SCHEDULING, patientId.toString(), "/ketaclinic/scheduling",
				org.ketaclinic.scheduling.events.EventTypes.TREATMENT_PLAN_STOPPED,
				EventJson.mapper()
					.writeValueAsBytes(new TreatmentPlanStopped(new PatientId(patientId), new PlanId(planId),
							StopReason.PLAN_CANCELLED, List.of(new SessionId(UUID.randomUUID()),
									new SessionId(UUID.randomUUID()), new SessionId(UUID.randomUUID())),
							Instant.now())));
		this.kafka.send(stopped).join();
		this.kafka.send(stopped).join(); // redelivered

		await().atMost(Duration.ofSeconds(30)).until(() -> tasksOf(patientId).size() == 1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> tasksOf(patientId).size() == 1);
		JsonNode task = tasksOf(patientId).get(0);
		assertThat(task.get("kind").asString()).isEqualTo("CALL_PATIENT");
		assertThat(task.get("detail").asString())
			.isEqualTo("Call the patient: 3 future sessions cancelled because a clinician cancelled the plan.");
		String taskId = task.get("id").asString();
		assertThat(post("/api/followup/tasks/" + taskId + "/completion", FRONT_DESK, null).status()).isEqualTo(200);
		assertThat(tasksOf(patientId)).isEmpty();
	}

	@Test
	void aSessionCorrectedToMissedLosesItsRemindersAndGetsThemBackWhenCorrectedToBookedAgain() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		UUID planId = UUID.randomUUID();
		ZonedDateTime start = ZonedDateTime.of(2027, 3, 10, 9, 0, 0, 0, NEW_YORK);
		UUID sessionId = book(patientId, planId, 1, start, "IV_KETAMINE");
		awaitMessages(patientId, 4);

		correct(patientId, planId, sessionId, "BOOKED", "MISSED", start);
		await().atMost(Duration.ofSeconds(30)).until(() -> planned(patientId).isEmpty());

		this.clock.set(Instant.parse("2027-03-08T15:00:00Z")); // after the 72 h
																// reminder's moment
		correct(patientId, planId, sessionId, "MISSED", "BOOKED", start);
		await().atMost(Duration.ofSeconds(30)).until(() -> planned(patientId).size() == 2);
		assertThat(planned(patientId)).containsExactlyInAnyOrderEntriesOf(
				Map.of("REMINDER_24H", "2027-03-09T09:00-05:00", "REMINDER_2H", "2027-03-10T08:00-05:00"));

		send(org.ketaclinic.scheduling.events.Topics.SCHEDULING, patientId, "/ketaclinic/scheduling",
				org.ketaclinic.scheduling.events.EventTypes.SESSION_CANCELLED,
				new SessionCancelled(new PatientId(patientId), new PlanId(planId), new SessionId(sessionId),
						start.toOffsetDateTime(), CancellationReason.PLAN_STOPPED, Instant.now()));
		await().atMost(Duration.ofSeconds(30)).until(() -> planned(patientId).isEmpty());
	}

	@Test
	void administratorsKeepTheRosterAndEveryFieldIsChecked() {
		UUID location = UUID.randomUUID();
		Map<String, Object> bad = new HashMap<>();
		bad.put("locationId", "not-a-uuid");
		bad.put("role", "BOSS");
		bad.put("name", " ");
		bad.put("phone", "555-0100");
		bad.put("from", "tomorrow");
		Result refused = post("/api/followup/on-call", ADMIN, bad);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).contains("application/problem+json");
		assertThat(fields(refused)).containsExactlyInAnyOrder("locationId", "role", "name", "phone", "from");
		Map<String, Object> backwards = entry(location, "BACKUP", "Dr. Late", phone(), "2027-03-02T00:00:00Z",
				"2027-03-01T00:00:00Z");
		assertThat(fields(post("/api/followup/on-call", ADMIN, backwards))).containsExactly("until");

		Map<String, Object> good = entry(location, "BACKUP", "Dr. Night", "+15550100777", "2027-03-01T20:00:00-05:00",
				"2027-03-02T08:00:00-05:00");
		assertThat(post("/api/followup/on-call", CLINICIAN, good).status()).isEqualTo(403);
		Result added = postWithKey("/api/followup/on-call", ADMIN, good, "roster-" + location);
		Result again = postWithKey("/api/followup/on-call", ADMIN, good, "roster-" + location);
		assertThat(added.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(201);
		String entryId = added.json().get("entryId").asString();
		assertThat(again.json().get("entryId").asString()).as("a retry adds nothing").isEqualTo(entryId);
		assertThat(added.json().get("role").asString()).isEqualTo("BACKUP");
		assertThat(OffsetDateTime.parse(added.json().get("from").asString()).toInstant())
			.isEqualTo(Instant.parse("2027-03-02T01:00:00Z"));

		assertThat(rosterAt(location, CLINICIAN)).as("clinicians see who is on call").containsExactly(entryId);
		assertThat(rosterPhones(ADMIN)).contains(DEMO_PRIMARY, DEMO_BACKUP);
		assertThat(status("GET", "/api/followup/on-call", FRONT_DESK)).isEqualTo(403);
		assertThat(status("DELETE", "/api/followup/on-call/" + entryId, CLINICIAN)).isEqualTo(403);
		assertThat(status("DELETE", "/api/followup/on-call/" + entryId, ADMIN)).isEqualTo(204);
		assertThat(status("DELETE", "/api/followup/on-call/" + UUID.randomUUID(), ADMIN)).isEqualTo(404);
		assertThat(rosterAt(location, ADMIN)).isEmpty();
	}

	// ---------------------------------------------------------------- helpers

	private void assertOnePageWithoutPatientData(String phone, String alertId, UUID patientId) {
		List<Map<String, Object>> pages = SMS.messagesTo(phone)
			.stream()
			.filter((message) -> message.get("body").toString().contains(alertId))
			.toList();
		assertThat(pages).hasSize(1);
		assertThat(pages.get(0).get("body").toString()).isEqualTo(
				"KetaClinic URGENT: an alert needs a clinician now. Open https://gateway.test/ui/clinician.html#alert="
						+ alertId);
		assertThat(pages.get(0).get("body").toString()).doesNotContain(patientId.toString());
	}

	/**
	 * The pages about one alert a number got (an alert elsewhere may page the same
	 * people: with nobody clinic-wide, any clinician on call).
	 */
	private static List<Map<String, Object>> pagesTo(String phone, String alertId) {
		return SMS.messagesTo(phone).stream().filter((m) -> m.get("body").toString().contains(alertId)).toList();
	}

	private void urgentScreening(UUID patientId) {
		send(org.ketaclinic.screening.events.Topics.SCREENING, patientId, "/ketaclinic/screening",
				org.ketaclinic.screening.events.EventTypes.URGENT_REVIEW_REQUESTED,
				new UrgentReviewRequested(new PatientId(patientId), new AssessmentId(UUID.randomUUID()),
						List.of("SCR-URG-01"), Instant.now(), Instant.now().plus(Duration.ofHours(8))));
	}

	private void restore(List<UUID> entries) {
		for (UUID entry : entries) {
			this.jdbc.update("UPDATE on_call SET removed_at = NULL, removed_by = NULL WHERE entry_id = ?", entry);
		}
	}

	private Result delete(String path, String token) {
		return this.client.delete().uri(path).header(HttpHeaders.AUTHORIZATION, token).exchange((request, response) -> {
			String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
			return new Result(response.getStatusCode().value(),
					text.isEmpty() ? null : EventJson.mapper().readTree(text),
					String.valueOf(response.getHeaders().getContentType()));
		});
	}

	private void preDose(UUID patientId, UUID location) {
		send(org.ketaclinic.scheduling.events.Topics.SCHEDULING, patientId, "/ketaclinic/scheduling",
				org.ketaclinic.scheduling.events.EventTypes.PRE_DOSE_CONCERN_RAISED,
				new PreDoseConcernRaised(new PatientId(patientId), new PlanId(UUID.randomUUID()),
						new SessionId(UUID.randomUUID()), new LocationId(location),
						List.of(PreDoseReason.CSSRS_INTENT, PreDoseReason.SEVERE_BLOOD_PRESSURE), Instant.now()));
	}

	private void correct(UUID patientId, UUID planId, UUID sessionId, String from, String to, ZonedDateTime start) {
		send(org.ketaclinic.scheduling.events.Topics.SCHEDULING, patientId, "/ketaclinic/scheduling",
				org.ketaclinic.scheduling.events.EventTypes.SESSION_STATUS_CORRECTED,
				new SessionStatusCorrected(new PatientId(patientId), new PlanId(planId), new SessionId(sessionId),
						SessionStatus.valueOf(from), CorrectedStatus.valueOf(to), start.toOffsetDateTime(),
						start.plusHours(2).toOffsetDateTime(), new ChairId(UUID.randomUUID()), NEW_YORK.getId(),
						Instant.now()));
	}

	private Map<String, String> planned(UUID patientId) {
		Map<String, String> planned = new HashMap<>();
		get("/api/followup/patients/" + patientId + "/messages", FRONT_DESK).forEach((m) -> {
			if ("PLANNED".equals(m.get("status").asString())) {
				planned.put(m.get("kind").asString(),
						OffsetDateTime.parse(m.get("scheduledFor").asString()).toString());
			}
		});
		return planned;
	}

	private JsonNode awaitAlert(UUID patientId, String status) {
		JsonNode[] found = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (JsonNode alert : get("/api/followup/alerts?status=" + status, CLINICIAN)) {
				if (patientId.toString().equals(alert.get("patientId").asString())) {
					found[0] = alert;
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	private List<JsonNode> openAlertsOf(UUID patientId) {
		List<JsonNode> found = new ArrayList<>();
		get("/api/followup/alerts?status=OPEN", CLINICIAN).forEach((alert) -> {
			if (patientId.toString().equals(alert.get("patientId").asString())) {
				found.add(alert);
			}
		});
		return found;
	}

	private JsonNode alert(String alertId) {
		return get("/api/followup/alerts/" + alertId, CLINICIAN);
	}

	private List<JsonNode> tasksOf(UUID patientId) {
		List<JsonNode> found = new ArrayList<>();
		get("/api/followup/tasks?status=OPEN", FRONT_DESK).forEach((task) -> {
			if (patientId.toString().equals(task.path("patientId").asString(null))) {
				found.add(task);
			}
		});
		return found;
	}

	private static Map<String, Object> answers(int item9, boolean intent, boolean plan, boolean behaviour) {
		return Map.of("phq9Items", List.of(1, 1, 1, 1, 1, 1, 1, 1, item9), "safety",
				Map.of("suicidalIntent", intent, "suicidalPlan", plan, "suicidalBehaviour", behaviour));
	}

	private static String alertIdOf(ConsumerRecord<String, byte[]> event) {
		return EventJson.mapper().readTree(event.value()).get("alertId").asString();
	}

	private static List<String> fields(Result result) {
		assertThat(result.status()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		result.json().get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		return fields;
	}

	private static Map<String, Object> entry(UUID location, String role, String name, String phone, String from,
			String until) {
		Map<String, Object> entry = new HashMap<>();
		entry.put("locationId", (location != null) ? location.toString() : null);
		entry.put("role", role);
		entry.put("name", name);
		entry.put("phone", phone);
		entry.put("from", from);
		entry.put("until", until);
		return entry;
	}

	private void addEntry(UUID location, String role, String name, String phone, String from, String until) {
		Result added = post("/api/followup/on-call", ADMIN, entry(location, role, name, phone, from, until));
		assertThat(added.status()).as(String.valueOf(added.json())).isEqualTo(201);
	}

	private List<String> rosterAt(UUID location, String token) {
		List<String> ids = new ArrayList<>();
		get("/api/followup/on-call", token).forEach((entry) -> {
			if (location.toString().equals(entry.path("locationId").asString(null))) {
				ids.add(entry.get("entryId").asString());
			}
		});
		return ids;
	}

	private List<String> rosterPhones(String token) {
		List<String> phones = new ArrayList<>();
		get("/api/followup/on-call", token).forEach((entry) -> phones.add(entry.get("phone").asString()));
		return phones;
	}

	private Result postWithKey(String path, String token, Object body, String key) {
		return this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, token)
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body(EventJson.mapper().writeValueAsString(body))
			.exchange((request, response) -> {
				String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
				return new Result(response.getStatusCode().value(),
						text.isEmpty() ? null : EventJson.mapper().readTree(text),
						String.valueOf(response.getHeaders().getContentType()));
			});
	}

	private int status(String method, String path, String token) {
		return this.client.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, token)
			.exchange((request, response) -> response.getStatusCode().value());
	}

}
