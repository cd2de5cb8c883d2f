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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;
import org.ketaclinic.followup.events.EventTypes;
import org.ketaclinic.intake.events.PatientContactChanged.Channel;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.scheduling.events.CancellationReason;
import org.ketaclinic.scheduling.events.SessionCancelled;
import org.ketaclinic.scheduling.events.SessionRescheduled;
import org.ketaclinic.smssink.SmsSink;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FollowupIT extends FollowupTestSupport {

	@Test
	void aBookedSeriesGetsExactlyItsRemindersAtThePatientsLocalTimesAcrossTheDstChange() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), "ada@example.org", Channel.EMAIL, true, true);
		UUID planId = UUID.randomUUID();
		// Friday before and Monday after the 14 March 2027 change to daylight time
		UUID friday = book(patientId, planId, 1, ZonedDateTime.of(2027, 3, 12, 9, 0, 0, 0, NEW_YORK), "IV_KETAMINE");
		UUID monday = book(patientId, planId, 2, ZonedDateTime.of(2027, 3, 15, 9, 0, 0, 0, NEW_YORK), "IV_KETAMINE");

		JsonNode messages = awaitMessages(patientId, 8);

		assertThat(messages).hasSize(8);
		assertThat(scheduled(messages, monday)).containsExactlyInAnyOrderEntriesOf(
				Map.of("BOOKING_CONFIRMATION", "2027-03-01T10:00:10-05:00", "REMINDER_72H", "2027-03-12T09:00-05:00",
						"REMINDER_24H", "2027-03-14T09:00-04:00", "REMINDER_2H", "2027-03-15T08:00-04:00")); // 07:00
																												// is
																												// in
																												// quiet
																												// hours
		assertThat(scheduled(messages, friday)).containsExactlyInAnyOrderEntriesOf(
				Map.of("BOOKING_CONFIRMATION", "2027-03-01T10:00:10-05:00", "REMINDER_72H", "2027-03-09T09:00-05:00",
						"REMINDER_24H", "2027-03-11T09:00-05:00", "REMINDER_2H", "2027-03-12T08:00-05:00"));
		messages.forEach((message) -> assertThat(message.get("status").asString()).isEqualTo("PLANNED"));
	}

	@Test
	void emailRemindersReachTheSmtpServerAndASeriesIsConfirmedInOneMessage() throws Exception {
		UUID patientId = UUID.randomUUID();
		String email = "grace-" + patientId + "@example.org";
		contact(patientId, null, email, Channel.EMAIL, false, true);
		UUID planId = UUID.randomUUID();
		book(patientId, planId, 1, ZonedDateTime.of(2027, 3, 8, 9, 0, 0, 0, NEW_YORK), "IV_KETAMINE");
		book(patientId, planId, 2, ZonedDateTime.of(2027, 3, 10, 9, 0, 0, 0, NEW_YORK), "IV_KETAMINE");
		awaitMessages(patientId, 8);

		this.clock.advance(Duration.ofSeconds(11));
		this.dispatcher.dispatchDue();
		MimeMessage[] confirmations = mailTo(email, 1);
		assertThat(confirmations[0].getSubject()).isEqualTo("Your appointment with Lakeside Health");
		assertThat(confirmations[0].getFrom()[0].toString()).contains("Lakeside Health");
		String confirmation = confirmations[0].getContent().toString();
		assertThat(confirmation).contains("Mon 8 Mar 2027 at 09:00").contains("Wed 10 Mar 2027 at 09:00");

		this.clock.set(Instant.parse("2027-03-05T14:00:00Z")); // Friday 09:00, 72 h
																// before Monday
		this.dispatcher.dispatchDue();
		MimeMessage[] mail = mailTo(email, 2);
		String reminder = mail[1].getContent().toString();
		assertThat(mail[1].getSubject()).isEqualTo("Appointment reminder from Lakeside Health");
		assertThat(reminder).contains("Mon 8 Mar 2027 at 09:00")
			.contains("no food for 6 hours")
			.contains("An adult must take you home")
			.doesNotContainIgnoringCase("ketamine");
		assertThat(statuses(patientId)).containsEntry("BOOKING_CONFIRMATION", List.of("SENT", "SENT"));
	}

	@Test
	void aMovedSessionsRemindersMoveWithItAndACancelledSessionsGo() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		UUID planId = UUID.randomUUID();
		ZonedDateTime start = ZonedDateTime.of(2027, 3, 9, 14, 0, 0, 0, NEW_YORK);
		UUID sessionId = book(patientId, planId, 1, start, "ESKETAMINE");
		awaitMessages(patientId, 4);

		ZonedDateTime later = start.plusDays(2);
		send(org.ketaclinic.scheduling.events.Topics.SCHEDULING, patientId, "/ketaclinic/scheduling",
				org.ketaclinic.scheduling.events.EventTypes.SESSION_RESCHEDULED,
				new SessionRescheduled(new PatientId(patientId), new PlanId(planId), new SessionId(sessionId),
						start.toOffsetDateTime(), later.toOffsetDateTime(), later.plusHours(2).toOffsetDateTime(),
						new ChairId(UUID.randomUUID()), NEW_YORK.getId()));
		JsonNode moved = awaitMessages(patientId, 8);
		assertThat(kindsWithStatus(moved, "CANCELLED")).containsExactlyInAnyOrder("BOOKING_CONFIRMATION",
				"REMINDER_72H", "REMINDER_24H", "REMINDER_2H");
		assertThat(kindsWithStatus(moved, "PLANNED")).containsExactlyInAnyOrder("RESCHEDULE_CONFIRMATION",
				"REMINDER_72H", "REMINDER_24H", "REMINDER_2H");
		assertThat(scheduled(moved, sessionId, "PLANNED")).containsEntry("REMINDER_24H", "2027-03-10T14:00-05:00");

		send(org.ketaclinic.scheduling.events.Topics.SCHEDULING, patientId, "/ketaclinic/scheduling",
				org.ketaclinic.scheduling.events.EventTypes.SESSION_CANCELLED,
				new SessionCancelled(new PatientId(patientId), new PlanId(planId), new SessionId(sessionId),
						later.toOffsetDateTime(), CancellationReason.PATIENT_REQUEST, Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> kindsWithStatus(get("/api/followup/patients/" + patientId + "/messages", FRONT_DESK),
					"PLANNED")
				.isEmpty());
		this.clock.set(Instant.parse("2027-03-10T19:00:00Z"));
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(
				this.jdbc.queryForObject("SELECT phone FROM patient WHERE patient_id = ?", String.class, patientId)))
			.isEmpty();
	}

	@Test
	void aStopReplyStopsEveryFurtherTextAndCancelIsAskedAboutNotTakenAsStop() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, Channel.SMS, true, false);
		book(patientId, UUID.randomUUID(), 1, ZonedDateTime.of(2027, 3, 10, 9, 0, 0, 0, NEW_YORK), "IV_KETAMINE");
		awaitMessages(patientId, 4);
		this.clock.advance(Duration.ofSeconds(11));
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone)).hasSize(1);
		assertThat(SMS.messagesTo(phone).get(0).get("body").toString()).startsWith("Lakeside Health: Booked:");

		assertThat(reply(phone, "Cancel")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone)).hasSize(2);
		assertThat(SMS.messagesTo(phone).get(0).get("body").toString()).contains("reply STOP");
		assertThat(this.jdbc.queryForObject("SELECT sms_opted_out_at IS NULL FROM patient WHERE patient_id = ?",
				Boolean.class, patientId))
			.as("CANCEL alone is not an opt-out")
			.isTrue();

		assertThat(reply(phone, "STOP")).isEqualTo(202);
		assertThat(reply(phone, "stop")).isEqualTo(202);
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone)).hasSize(3);
		assertThat(SMS.messagesTo(phone).get(0).get("body").toString()).contains("no more text messages");

		for (String at : List.of("2027-03-07T14:00:00Z", "2027-03-09T14:00:00Z", "2027-03-10T12:00:00Z")) {
			this.clock.set(Instant.parse(at));
			this.dispatcher.dispatchDue();
		}
		assertThat(SMS.messagesTo(phone)).as("no reminder by text after STOP").hasSize(3);
		assertThat(statuses(patientId).get("REMINDER_24H")).containsExactly("SKIPPED");
	}

	@Test
	void aCheckInOverTheTextBudgetGoesByEmailAtOnceWhereThePatientHasOne() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		String email = "budget." + patientId + "@example.org";
		contact(patientId, phone, email, Channel.SMS, true, true);
		checkIn(patientId);
		checkIn(patientId);

		this.dispatcher.dispatchDue();

		assertThat(SMS.messagesTo(phone)).as("the day's one text").hasSize(1);
		assertThat(mailTo(email, 1)).as("the other check-in, by email now rather than by text tomorrow").hasSize(1);
		assertThat(statuses(patientId).get("CHECK_IN")).as("a text is delivered, an email sent")
			.containsExactlyInAnyOrder("DELIVERED", "SENT");
	}

	@Test
	void theSmsBudgetHoldsAnAppointmentTextToTheNextMorningButNeverASafetyCheckIn() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, Channel.SMS, true, false);
		checkIn(patientId);
		checkIn(patientId);

		this.dispatcher.dispatchDue();

		assertThat(SMS.messagesTo(phone)).as("check-ins carry the safety questions: the budget never holds them")
			.hasSize(2);
		assertThat(statuses(patientId)).containsEntry("CHECK_IN", List.of("DELIVERED", "DELIVERED"));

		UUID sessionId = book(patientId, UUID.randomUUID(), 1, ZonedDateTime.of(2027, 3, 10, 9, 0, 0, 0, NEW_YORK),
				"IV_KETAMINE");
		awaitMessages(patientId, 6);
		this.clock.advance(Duration.ofSeconds(11));
		this.dispatcher.dispatchDue();

		assertThat(SMS.messagesTo(phone)).as("the day's budget is spent: the confirmation waits").hasSize(2);
		JsonNode held = null;
		for (JsonNode message : get("/api/followup/patients/" + patientId + "/messages", FRONT_DESK)) {
			if ("BOOKING_CONFIRMATION".equals(message.get("kind").asString())
					&& sessionId.toString().equals(message.get("sessionId").asString())) {
				held = message;
			}
		}
		assertThat(held).isNotNull();
		assertThat(held.get("status").asString()).isEqualTo("PLANNED");
		assertThat(OffsetDateTime.parse(held.get("scheduledFor").asString()))
			.isEqualTo(OffsetDateTime.parse("2027-03-02T08:00-05:00"));

		this.clock.set(Instant.parse("2027-03-02T13:00:00Z"));
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone)).hasSize(3);
		assertThat(SMS.messagesTo(phone).get(0).get("body").toString()).contains("Booked:");
	}

	@Test
	void anUnreachableNumberFallsBackToEmailAndWithoutEmailOpensATask() throws Exception {
		UUID reachable = UUID.randomUUID();
		String email = "fallback-" + reachable + "@example.org";
		contact(reachable, "+15550001234", email, Channel.SMS, true, true);
		checkIn(reachable);
		this.dispatcher.dispatchDue();
		this.clock.advance(Duration.ofSeconds(2));
		this.dispatcher.dispatchDue();
		assertThat(mailTo(email, 1)[0].getContent().toString()).contains("https://gateway.test/checkin/");
		assertThat(statuses(reachable)).containsEntry("CHECK_IN", List.of("SENT"));

		UUID unreachable = UUID.randomUUID();
		contact(unreachable, "+15550004321", null, Channel.SMS, true, false);
		checkIn(unreachable);
		this.dispatcher.dispatchDue();
		assertThat(statuses(unreachable)).containsEntry("CHECK_IN", List.of("UNDELIVERABLE"));
		JsonNode tasks = get("/api/followup/tasks?status=OPEN", FRONT_DESK);
		List<String> forPatient = new ArrayList<>();
		tasks.forEach((task) -> {
			if (unreachable.toString().equals(task.get("patientId").asString())) {
				forPatient.add(task.get("kind").asString());
			}
		});
		assertThat(forPatient).containsExactly("REACH_PATIENT");
		var events = followupEvents(unreachable, EventTypes.MESSAGE_UNDELIVERABLE, 1);
		assertThat(events).hasSize(1);
		JsonNode event = EventJson.mapper().readTree(events.get(0).value());
		assertThat(event.get("reason").asString()).isEqualTo("PROVIDER_REJECTED");
		assertThat(new EventSchemas().violations(EventTypes.MESSAGE_UNDELIVERABLE, event)).isEmpty();
		assertThat(new String(events.get(0).value())).doesNotContain("+1555000");
	}

	@Test
	void aProviderOutageIsRetriedAfterABackoffAndTheTextSentOnce() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, Channel.SMS, true, false);
		checkIn(patientId);
		SMS.failNext(1);

		this.dispatcher.dispatchDue();
		assertThat(statuses(patientId)).containsEntry("CHECK_IN", List.of("FAILED"));
		assertThat(SMS.messagesTo(phone)).isEmpty();

		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone)).as("not before the backoff").isEmpty();
		this.clock.advance(Duration.ofSeconds(2));
		this.dispatcher.dispatchDue();
		assertThat(SMS.messagesTo(phone)).hasSize(1);
		assertThat(statuses(patientId)).containsEntry("CHECK_IN", List.of("DELIVERED"));
		assertThat(this.jdbc.queryForList("""
				SELECT a.outcome FROM delivery_attempt a JOIN delivery d ON d.delivery_id = a.delivery_id
				WHERE d.patient_id = ? ORDER BY a.at
				""", String.class, patientId)).containsExactly("UNAVAILABLE", "DELIVERED");
	}

	@Test
	void item9OfTwoRaisesAnUrgentAlertAtOnceAndTheLinkWorksOnce() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, Channel.SMS, true, false);
		checkIn(patientId);
		this.dispatcher.dispatchDue();
		String link = link(SMS.messagesTo(phone).get(0).get("body").toString());
		assertThat(link).startsWith("https://gateway.test/checkin/");
		String token = link.substring(link.lastIndexOf('/') + 1);
		String page = this.client.get().uri("/checkin/" + token).retrieve().body(String.class);
		assertThat(page).contains("Over the last 2 weeks").contains("data-scope=\"FULL\"");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM check_in WHERE token_hash = ?", Integer.class, token))
			.as("the token itself is not stored")
			.isZero();

		long started = System.nanoTime();
		Result answered = post("/api/followup/check-ins/" + token, null, answers(9, 2, false));
		JsonNode open = get("/api/followup/alerts?status=OPEN", CLINICIAN);
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(answered.status()).isEqualTo(201);
		assertThat(answered.json().get("urgent").asBoolean()).isTrue();
		assertThat(answered.json().get("crisisResources").asString()).contains("988");
		assertThat(this.jdbc.queryForList("SELECT actor FROM audit_event WHERE patient_id = ? AND action = ?",
				String.class, patientId, "CHECK_IN_ANSWERED"))
			.as("the answer is audited in its transaction, as the patient's (no token)")
			.containsExactly("anonymous");
		assertThat(open.get(0).get("severity").asString()).as("urgent alerts come first").isEqualTo("URGENT");
		JsonNode alert = alertOf(open, patientId);
		assertThat(alert.get("severity").asString()).isEqualTo("URGENT");
		assertThat(alert.get("reason").asString()).contains("PHQ-9 item 9");
		assertThat(Duration.between(Instant.parse(alert.get("createdAt").asString()),
				Instant.parse(alert.get("acknowledgeBy").asString())))
			.isEqualTo(Duration.ofHours(1));
		assertThat(elapsedMillis).as("answer and alert within a second").isLessThan(1000);
		assertThat(followupEvents(patientId, EventTypes.ADVERSE_EFFECT_REPORTED, 1)).hasSize(1);
		assertThat(followupEvents(patientId, EventTypes.CHECK_IN_COMPLETED, 1)).hasSize(1);

		assertThat(post("/api/followup/check-ins/" + token, null, answers(0, 0, false)).status()).isEqualTo(410);
		int pageStatus = this.client.get().uri("/checkin/" + token).exchange((req, res) -> res.getStatusCode().value());
		assertThat(pageStatus).isEqualTo(410);

		String alertId = alert.get("alertId").asString();
		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", " ")).json()
			.get("errors")
			.get(0)
			.get("field")
			.asString()).isEqualTo("note");
		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", FRONT_DESK,
				Map.of("note", "Called the patient"))
			.status()).isEqualTo(403);
		Result acknowledged = post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN,
				Map.of("note", "Called the patient; safe, seen today"));
		assertThat(acknowledged.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
		assertThat(acknowledged.json().get("acknowledgedBy").asString()).isEqualTo("dr-lee");
		assertThat(
				post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "again")).json()
					.get("note")
					.asString())
			.as("acknowledging twice keeps the first note")
			.isEqualTo("Called the patient; safe, seen today");
		assertThat(alertOf(get("/api/followup/alerts?status=OPEN", CLINICIAN), patientId)).isNull();
	}

	@Test
	void invalidAnswersAreRefusedFieldByFieldAndChangeNothing() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		UUID checkInId = checkIn(patientId);
		String token = tokenOf(checkInId);
		Map<String, Object> bad = new HashMap<>();
		bad.put("phq9Items", List.of(1, 1, 7, 1, 1, 1, 1, 1, 0)); // no risk answer:
																	// nothing raised
		bad.put("safety", Map.of("suicidalPlan", false));

		Result refused = post("/api/followup/check-ins/" + token, null, bad);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).contains("application/problem+json");
		List<String> fields = new ArrayList<>();
		refused.json().get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("phq9Items[2]", "safety.suicidalIntent",
				"safety.suicidalBehaviour");
		assertThat(post("/api/followup/check-ins/" + token, null, Map.of("phq9Items", List.of(1, 2))).status())
			.isEqualTo(400);
		assertThat(
				this.jdbc.queryForObject("SELECT status FROM check_in WHERE check_in_id = ?", String.class, checkInId))
			.isNotEqualTo("ANSWERED");
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE patient_id = ? AND action IN (?, ?)",
						Integer.class, patientId, "CHECK_IN_ANSWERED", "CHECK_IN_INCOMPLETE_ALERT_RAISED"))
			.as("refused answers change nothing and leave no entry")
			.isZero();
		assertThat(post("/api/followup/check-ins/unknown-token", null, answers(0, 0, false)).status()).isEqualTo(404);

		this.dispatcher.dispatchDue();
		this.clock.advance(Duration.ofDays(3).plusSeconds(1));
		assertThat(post("/api/followup/check-ins/" + token, null, answers(0, 0, false)).status())
			.as("links expire after 3 days")
			.isEqualTo(410);
	}

	@Test
	void twoWorseningCheckInsAfterAResponseReportOneRelapseRisk() {
		UUID patientId = UUID.randomUUID();
		contact(patientId, phone(), null, Channel.SMS, true, false);
		baseline(patientId, 1, 20, Instant.now(), null);
		awaitBaselineVersion(patientId, 1);

		for (int total : List.of(6, 15, 16, 17)) {
			assertThat(post("/api/followup/check-ins/" + tokenOf(checkIn(patientId)), null, answers(total, 0, false))
				.status()).isEqualTo(201);
			this.clock.advance(Duration.ofDays(7));
		}

		var relapses = followupEvents(patientId, EventTypes.RELAPSE_RISK_DETECTED, 1);
		JsonNode relapse = EventJson.mapper().readTree(relapses.get(0).value());
		assertThat(relapse.get("phq9Total").asInt()).as("reported at the second worsening check-in").isEqualTo(16);
		assertThat(relapse.get("baselinePhq9").asInt()).isEqualTo(20);
		List<String> reasons = new ArrayList<>();
		relapse.get("reasons").forEach((reason) -> reasons.add(reason.asString()));
		assertThat(reasons).containsExactlyInAnyOrder("LOSS_OF_RESPONSE", "CLINICALLY_SIGNIFICANT_WORSENING");
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> followupEvents(patientId, EventTypes.CHECK_IN_COMPLETED, 4).size() == 4);
		assertThat(followupEvents(patientId, EventTypes.RELAPSE_RISK_DETECTED, 1)).as("one report per relapse")
			.hasSize(1);

		JsonNode history = get("/api/followup/patients/" + patientId + "/phq9", CLINICIAN);
		assertThat(history.get("baselinePhq9").asInt()).isEqualTo(20);
		assertThat(history.get("responseThreshold").asInt()).isEqualTo(10);
		assertThat(history.get("remissionBelow").asInt()).isEqualTo(5);
		List<Integer> totals = new ArrayList<>();
		history.get("checkIns").forEach((point) -> totals.add(point.get("phq9Total").asInt()));
		assertThat(totals).containsExactly(6, 15, 16, 17);
		assertThat(history.get("checkIns").get(0).get("status").asString()).isEqualTo("RESPONSE");
		assertThat(history.get("checkIns").get(0).get("reductionPercent").asInt()).isEqualTo(70);
	}

	@Test
	void aWebhookCallWithoutTheRightSignatureIsRefused() {
		Result unsigned = post("/api/followup/sms/inbound", null, Map.of("from", "+15551234567", "body", "STOP"));
		assertThat(unsigned.status()).isEqualTo(401);
		assertThat(unsigned.contentType()).contains("application/problem+json");
		byte[] body = "{\"from\":\"+15551234567\",\"body\":\"STOP\"}".getBytes(StandardCharsets.UTF_8);
		String now = String.valueOf(Instant.now().getEpochSecond());
		String bodyOnly = "sha256=" + SmsSink.sign(body, "test-webhook-secret".getBytes(StandardCharsets.UTF_8));
		assertThat(webhook(body, now, "SMold", bodyOnly)).as("a signature over the body alone").isEqualTo(401);
		String otherId = "sha256=" + SmsSink.sign(SmsSink.signedContent(now, "SMa", body),
				"test-webhook-secret".getBytes(StandardCharsets.UTF_8));
		assertThat(webhook(body, now, "SMb", otherId)).as("a signature moved to another message id").isEqualTo(401);
		assertThat(post("/api/followup/patients/" + UUID.randomUUID() + "/check-ins", FRONT_DESK, null).status())
			.as("only clinicians ask for extra check-ins")
			.isEqualTo(403);
		assertThat(this.jdbc.queryForList("SELECT outcome || ' ' || resource FROM audit_event"
				+ " WHERE action = 'ACCESS_REFUSED' AND resource LIKE 'POST /api/followup/%'", String.class))
			.as("both refusals audited, without their bodies")
			.contains("UNAUTHENTICATED POST /api/followup/sms/inbound")
			.anyMatch((entry) -> entry.startsWith("FORBIDDEN POST /api/followup/patients/"))
			.noneMatch((entry) -> entry.contains("STOP"));
	}

	@Test
	void aCapturedWebhookCallReplayedLaterIsRefusedAndOneRepeatedAtOnceActsOnce() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		contact(patientId, phone, null, Channel.SMS, true, false);
		byte[] body = ("{\"from\":\"" + phone + "\",\"body\":\"Cancel\"}").getBytes(StandardCharsets.UTF_8);

		String tenMinutesAgo = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
		assertThat(webhook(body, tenMinutesAgo, "SMlate", signed(tenMinutesAgo, "SMlate", body)))
			.as("signed, but outside the five minutes")
			.isEqualTo(401);
		String now = String.valueOf(Instant.now().getEpochSecond());
		assertThat(webhook(body, now, "SMfirst", signed(now, "SMfirst", body))).isEqualTo(204);
		assertThat(webhook(body, now, "SMfirst", signed(now, "SMfirst", body))).as("the provider's retry")
			.isEqualTo(204);

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM message WHERE patient_id = ? AND kind = ?",
				Integer.class, patientId, "REPLY_CLARIFICATION"))
			.as("one answer to one reply; none to the late one")
			.isEqualTo(1);
		assertThat(this.jdbc
			.queryForList("SELECT action || ' ' || resource || ' ' || clinic_id FROM audit_event WHERE patient_id = ?"
					+ " AND action = 'SMS_REPLY_READ'", String.class, patientId))
			.as("the reply read once is audited once, with what it was read as and never its words")
			.containsExactly("SMS_REPLY_READ sms-reply/SMfirst CANCEL_UNCLEAR main");
	}

	private int webhook(byte[] body, String timestamp, String messageId, String signature) {
		return this.client.post()
			.uri("/api/followup/sms/inbound")
			.contentType(MediaType.APPLICATION_JSON)
			.header(SmsSink.TIMESTAMP_HEADER, timestamp)
			.header(SmsSink.MESSAGE_ID_HEADER, messageId)
			.header(SmsSink.SIGNATURE_HEADER, signature)
			.body(body)
			.exchange((request, response) -> response.getStatusCode().value());
	}

	private static String signed(String timestamp, String messageId, byte[] body) {
		return "sha256=" + SmsSink.sign(SmsSink.signedContent(timestamp, messageId, body),
				"test-webhook-secret".getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, Object> answers(int total, int item9, boolean intent) {
		List<Integer> items = new ArrayList<>();
		int left = Math.max(0, total - item9);
		for (int i = 0; i < 8; i++) {
			int item = Math.min(3, left);
			items.add(item);
			left -= item;
		}
		items.add(item9);
		return Map.of("phq9Items", items, "sideEffects", Map.of("nausea", true), "safety",
				Map.of("suicidalIntent", intent, "suicidalPlan", false, "suicidalBehaviour", false));
	}

	private static String link(String text) {
		Matcher matcher = Pattern.compile("https?://\\S+/checkin/[A-Za-z0-9_-]+").matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return matcher.group();
	}

	private static JsonNode alertOf(JsonNode alerts, UUID patientId) {
		for (JsonNode alert : alerts) {
			if (patientId.toString().equals(alert.get("patientId").asString())) {
				return alert;
			}
		}
		return null;
	}

	private MimeMessage[] mailTo(String address, int count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> java.util.Arrays.stream(MAIL.getReceivedMessages())
				.filter((m) -> to(m, address))
				.count() >= count);
		return java.util.Arrays.stream(MAIL.getReceivedMessages())
			.filter((m) -> to(m, address))
			.toArray(MimeMessage[]::new);
	}

	private static boolean to(MimeMessage message, String address) {
		try {
			return message.getAllRecipients()[0].toString().equals(address);
		}
		catch (jakarta.mail.MessagingException ex) {
			return false;
		}
	}

	private Map<String, List<String>> statuses(UUID patientId) {
		Map<String, List<String>> statuses = new HashMap<>();
		get("/api/followup/patients/" + patientId + "/messages", FRONT_DESK)
			.forEach((m) -> statuses.computeIfAbsent(m.get("kind").asString(), (k) -> new ArrayList<>())
				.add(m.get("status").asString()));
		return statuses;
	}

	private static Map<String, String> scheduled(JsonNode messages, UUID sessionId) {
		return scheduled(messages, sessionId, "PLANNED");
	}

	private static Map<String, String> scheduled(JsonNode messages, UUID sessionId, String status) {
		Map<String, String> times = new HashMap<>();
		messages.forEach((m) -> {
			if (sessionId.toString().equals(m.path("sessionId").asString(null))
					&& status.equals(m.get("status").asString())) {
				times.put(m.get("kind").asString(), OffsetDateTime.parse(m.get("scheduledFor").asString()).toString());
			}
		});
		return times;
	}

	private static List<String> kindsWithStatus(JsonNode messages, String status) {
		List<String> kinds = new ArrayList<>();
		messages.forEach((m) -> {
			if (status.equals(m.get("status").asString())) {
				kinds.add(m.get("kind").asString());
			}
		});
		return kinds;
	}

}
