package org.ketaclinic.scheduling.web;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.CheckInId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.WithInfrastructure;
import org.ketaclinic.scheduling.clinic.DemoClinic;
import org.ketaclinic.scheduling.events.EventTypes;
import org.ketaclinic.scheduling.events.Topics;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.Protocol;
import org.ketaclinic.screening.events.ScreeningDecided;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ketaclinic.scheduling.web.PublishedEvents.data;
import static org.ketaclinic.scheduling.web.PublishedEvents.events;
import static org.ketaclinic.scheduling.web.PublishedEvents.ofType;
import static org.ketaclinic.scheduling.web.PublishedEvents.type;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class BookingIT {

	private static final String FRONT_DESK = TestTokens.bearer("frontdesk-ann", "FRONT_DESK");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	JdbcTemplate jdbc;

	RestClient client;

	@BeforeEach
	void client() {
		this.client = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void anApprovalBecomesOnePlanEvenWhenDeliveredTwice() {
		UUID patientId = UUID.randomUUID();
		ProducerRecord<String, byte[]> approval = approval(patientId, Protocol.IV_KETAMINE);
		this.kafka.send(approval).join();
		this.kafka.send(approval).join();

		JsonNode plan = awaitPlan(patientId);
		assertThat(plan.get("protocol").asString()).isEqualTo("IV_KETAMINE");
		assertThat(plan.get("sessionsPlanned").asInt()).isEqualTo(6);
		assertThat(plan.get("remaining").asInt()).isEqualTo(6);
		List<ConsumerRecord<String, byte[]>> events = events(patientId, 1);
		assertThat(ofType(events, EventTypes.TREATMENT_PLAN_CREATED)).hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM treatment_plan WHERE patient_id = ?", Integer.class,
				patientId))
			.isEqualTo(1);
	}

	@Test
	void aProposedSeriesBooksInOneGoAndShowsOnTheDayView() {
		UUID patientId = UUID.randomUUID();
		String planId = approvedPlan(patientId, Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(3);

		JsonNode proposals = get("/api/scheduling/plans/" + planId + "/proposals?from=" + monday);
		assertThat(proposals.size()).isGreaterThanOrEqualTo(1);
		JsonNode series = proposals.get(0).get("sessions");
		assertThat(series).hasSize(6);
		List<OffsetDateTime> starts = new ArrayList<>();
		series.forEach((s) -> starts.add(OffsetDateTime.parse(s.get("startsAt").asString())));
		for (int i = 1; i < starts.size(); i++) {
			assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isGreaterThanOrEqualTo(Duration.ofHours(48));
		}
		assertThat(Duration.between(starts.get(0), starts.get(5))).isLessThanOrEqualTo(Duration.ofDays(21));
		starts.forEach((start) -> {
			ZonedDateTime local = start.atZoneSameInstant(NEW_YORK);
			assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
			assertThat(local.toLocalTime()).isBetween(LocalTime.of(8, 0), LocalTime.of(16, 0));
		});

		List<Map<String, Object>> request = new ArrayList<>();
		series.forEach((s) -> request
			.add(Map.of("startsAt", s.get("startsAt").asString(), "chairId", s.get("chairId").asString())));
		Result booked = post("/api/scheduling/plans/" + planId + "/bookings", Map.of("sessions", request));
		assertThat(booked.status()).isEqualTo(201);
		assertThat(booked.json()).hasSize(6);
		assertThat(post("/api/scheduling/plans/" + planId + "/bookings", Map.of("sessions", request)).status())
			.as("the same sessions again answer the booking")
			.isEqualTo(201);

		JsonNode plan = get("/api/scheduling/plans/" + planId);
		assertThat(get("/api/scheduling/plans/" + planId + "/slots?date=" + monday.plusDays(1)))
			.as("a full plan has no room for one more session")
			.isEmpty();
		assertThat(plan.get("booked").asInt()).isEqualTo(6);
		assertThat(plan.get("remaining").asInt()).isZero();
		List<ConsumerRecord<String, byte[]>> events = events(patientId, 7);
		assertThat(ofType(events, EventTypes.SESSION_BOOKED)).hasSize(6);
		EventSchemas schemas = new EventSchemas();
		events.forEach((e) -> assertThat(schemas.violations(type(e), data(e))).isEmpty());

		JsonNode day = get("/api/scheduling/day-view?locationId=" + DemoClinic.LOCATION + "&date="
				+ starts.get(0).atZoneSameInstant(NEW_YORK).toLocalDate());
		assertThat(day.get("timeZone").asString()).isEqualTo("America/New_York");
		assertThat(day.get("chairs")).hasSize(4);
		assertThat(day.toString()).contains(patientId.toString());
	}

	@Test
	void aSeriesThatClashesOnItsFourthSessionBooksNoneOfItsSix() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		this.kafka.send(approval(first, Protocol.IV_KETAMINE)).join();
		this.kafka.send(approval(second, Protocol.IV_KETAMINE)).join();
		String firstPlan = awaitPlan(first).get("planId").asString();
		String secondPlan = awaitPlan(second).get("planId").asString();
		LocalDate monday = nextMonday(5);
		List<Map<String, Object>> series = new ArrayList<>();
		for (LocalDate day : List.of(monday, monday.plusDays(2), monday.plusDays(4), monday.plusDays(7),
				monday.plusDays(9), monday.plusDays(11))) {
			series.add(session(day, LocalTime.of(13, 0), DemoClinic.chair(2)));
		}
		assertThat(post("/api/scheduling/plans/" + firstPlan + "/bookings", Map.of("sessions", List.of(series.get(3))))
			.status()).isEqualTo(201);

		Result clash = post("/api/scheduling/plans/" + secondPlan + "/bookings", Map.of("sessions", series));
		assertThat(clash.status()).isEqualTo(409);
		assertThat(clash.json().get("detail").asString()).contains("Session 4").contains("already booked");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM session WHERE plan_id = ?::uuid", Integer.class,
				secondPlan))
			.isZero();
	}

	@Test
	void fiftyConcurrentRequestsForOneChairAndTimeGiveOneBookingAndFortyNineConflicts() throws Exception {
		List<String> plans = new ArrayList<>();
		List<UUID> patients = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			UUID patientId = UUID.randomUUID();
			patients.add(patientId);
			this.kafka.send(approval(patientId, Protocol.IV_KETAMINE)).join();
		}
		for (UUID patientId : patients) {
			plans.add(awaitPlan(patientId).get("planId").asString());
		}
		Map<String, Object> body = Map.of("sessions",
				List.of(session(nextMonday(6).plusDays(1), LocalTime.of(10, 0), DemoClinic.chair(3))));
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Future<Result>> results = new ArrayList<>();
		for (String plan : plans) {
			results.add(pool.submit(() -> post("/api/scheduling/plans/" + plan + "/bookings", body)));
		}
		int created = 0;
		int conflicts = 0;
		for (Future<Result> result : results) {
			Result r = result.get();
			if (r.status() == 201) {
				created++;
			}
			else if (r.status() == 409 && "application/problem+json".equals(r.contentType())) {
				conflicts++;
			}
		}
		pool.shutdown();
		assertThat(created).isEqualTo(1);
		assertThat(conflicts).isEqualTo(49);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM session WHERE chair_id = ? AND status = 'BOOKED'",
				Integer.class, DemoClinic.chair(3)))
			.isEqualTo(1);
	}

	@Test
	void aSeriesAcrossADaylightSavingChangeKeepsItsClinicLocalTime() {
		UUID patientId = UUID.randomUUID();
		String planId = approvedPlan(patientId, Protocol.IV_KETAMINE);
		// US clocks go forward on Sunday 14 March 2027
		JsonNode series = get("/api/scheduling/plans/" + planId + "/proposals?from=2027-03-08&earliest=09:00").get(0)
			.get("sessions");
		List<String> offsets = new ArrayList<>();
		series.forEach((s) -> {
			OffsetDateTime start = OffsetDateTime.parse(s.get("startsAt").asString());
			assertThat(start.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
			offsets.add(start.getOffset().getId());
		});
		assertThat(offsets).startsWith("-05:00").endsWith("-04:00");
		assertThat(OffsetDateTime.parse(series.get(0).get("startsAt").asString()).toLocalDate())
			.isEqualTo(LocalDate.of(2027, 3, 8));
	}

	@Test
	void aSessionIsRescheduledCancelledCheckedInOrMissedWithItsHistoryKept() {
		UUID patientId = UUID.randomUUID();
		consentsToTreatment(patientId);
		String planId = approvedPlan(patientId, Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(8);
		Result booked = post("/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", List.of(session(monday, LocalTime.of(9, 0), DemoClinic.chair(1)),
						session(monday.plusDays(2), LocalTime.of(9, 0), DemoClinic.chair(1)))));
		String first = booked.json().get(0).get("sessionId").asString();
		String second = booked.json().get(1).get("sessionId").asString();

		JsonNode slots = get("/api/scheduling/plans/" + planId + "/slots?date=" + monday.plusDays(4));
		assertThat(slots.size()).isPositive();
		slots.forEach((slot) -> assertThat(OffsetDateTime.parse(slot.get("startsAt").asString()).getDayOfWeek())
			.isEqualTo(DayOfWeek.FRIDAY));
		assertThat(get("/api/scheduling/plans/" + planId + "/slots?date=" + monday.plusDays(1)))
			.as("a day between two sessions 48 h apart has no slot")
			.isEmpty();
		Result tooClose = post("/api/scheduling/sessions/" + second + "/reschedule",
				session(monday.plusDays(1), LocalTime.of(9, 0), DemoClinic.chair(2)));
		assertThat(tooClose.status()).isEqualTo(409);
		assertThat(tooClose.json().get("detail").asString()).contains("48 hours");
		Result moved = post("/api/scheduling/sessions/" + second + "/reschedule",
				session(monday.plusDays(2), LocalTime.of(14, 0), DemoClinic.chair(2)));
		assertThat(moved.status()).isEqualTo(200);
		assertThat(OffsetDateTime.parse(moved.json().get("startsAt").asString()).toLocalTime())
			.isEqualTo(LocalTime.of(14, 0));

		Result cancelled = post("/api/scheduling/sessions/" + second + "/cancellation",
				Map.of("reasonCode", "PATIENT_REQUEST", "reason", "Travelling"));
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(post("/api/scheduling/sessions/" + second + "/cancellation", Map.of("reasonCode", "PATIENT_REQUEST"))
			.json()
			.get("status")
			.asString()).isEqualTo("CANCELLED");
		assertThat(post("/api/scheduling/sessions/" + second + "/cancellation", Map.of("reasonCode", "BORED")).status())
			.isEqualTo(400);

		assertThat(post("/api/scheduling/sessions/" + first + "/missed", Map.of()).json().get("status").asString())
			.isEqualTo("MISSED");
		// correcting to checked in is a check-in: it needs the patient's consent to
		// treatment
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM patient_consent WHERE patient_id = ?",
					Integer.class, patientId) == 1);
		Result corrected = post("/api/scheduling/sessions/" + first + "/status-correction",
				Map.of("status", "CHECKED_IN", "reason", "The patient was in the waiting room"));
		assertThat(corrected.json().get("status").asString()).isEqualTo("CHECKED_IN");
		List<String> history = new ArrayList<>();
		corrected.json().get("history").forEach((h) -> history.add(h.get("status").asString()));
		assertThat(history).containsExactly("BOOKED", "MISSED", "CHECKED_IN");

		List<ConsumerRecord<String, byte[]>> events = events(patientId, 7);
		assertThat(ofType(events, EventTypes.SESSION_RESCHEDULED)).hasSize(1);
		assertThat(ofType(events, EventTypes.SESSION_CANCELLED)).hasSize(1);
		assertThat(ofType(events, EventTypes.SESSION_MISSED)).hasSize(1);
		assertThat(ofType(events, EventTypes.SESSION_STATUS_CORRECTED)).hasSize(1);
		assertThat(new String(ofType(events, EventTypes.SESSION_CANCELLED).get(0).value(), StandardCharsets.UTF_8))
			.doesNotContain("Travelling");
		EventSchemas schemas = new EventSchemas();
		events.forEach((e) -> assertThat(schemas.violations(type(e), data(e))).isEmpty());
	}

	@Test
	void aClinicianRecordsASessionThroughTheBloodPressureGateAndCompletesIt() {
		UUID patientId = UUID.randomUUID();
		consentsToTreatment(patientId);
		String planId = approvedPlan(patientId, Protocol.IV_KETAMINE);
		Result booked = post("/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", List.of(session(nextMonday(9), LocalTime.of(11, 0), DemoClinic.chair(4)))));
		String session = "/api/scheduling/sessions/" + booked.json().get(0).get("sessionId").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> post(session + "/check-in", Map.of()).json().path("status").asString("").equals("CHECKED_IN"));

		assertThat(clinician(session + "/pre-dose", vitals(175, 105, false)).json().get("result").asString())
			.isEqualTo("DEFERRED");
		assertThat(clinician(session + "/start", Map.of()).json().get("detail").asString()).contains("180/100");
		assertThat(clinician(session + "/pre-dose", vitals(150, 85, false)).json().get("result").asString())
			.isEqualTo("PRESCRIBER_CONFIRMATION_REQUIRED");
		assertThat(clinician(session + "/start", Map.of()).status()).isEqualTo(409);
		JsonNode confirmed = clinician(session + "/pre-dose", vitals(150, 85, true)).json();
		assertThat(confirmed.get("confirmed").asBoolean()).isTrue();
		assertThat(confirmed.get("prescriberConfirmedBy").asString()).as("the signed-in clinician").isEqualTo("dr-kim");
		assertThat(clinician(session + "/start", Map.of()).json().get("status").asString()).isEqualTo("IN_PROGRESS");

		// as if started two hours ago: dosing starts no earlier, discharge is no later
		// than now
		Instant start = Instant.now().minus(Duration.ofMinutes(120));
		assertThat(this.jdbc.update(
				"UPDATE session_status_history SET changed_at = ? WHERE session_id = ?::uuid AND status = 'IN_PROGRESS'",
				java.sql.Timestamp.from(start), session.substring(session.lastIndexOf('/') + 1)))
			.isEqualTo(1);
		Map<String, Object> completion = new java.util.HashMap<>(Map.of("doseMgPerKg", 0.5, "doseTotalMg", 35, "route",
				"IV", "startedAt", start.toString(), "endedAt", start.plusSeconds(2400).toString(), "vitals",
				List.of(Map.of("minute", 40, "systolicBp", 156, "diastolicBp", 92)), "cadss6", 7, "sideEffects",
				List.of("DISSOCIATION", "NAUSEA"), "dischargedAt", start.plusSeconds(6600).toString()));
		Map<String, Object> badDose = new java.util.HashMap<>(completion);
		badDose.put("doseTotalMg", 0);
		assertThat(clinician(session + "/completion", badDose).json().findValuesAsString("field"))
			.contains("doseTotalMg");
		assertThat(clinician(session + "/completion", completion).json().get("status").asString())
			.isEqualTo("COMPLETED");

		List<ConsumerRecord<String, byte[]>> events = events(patientId, 3);
		List<ConsumerRecord<String, byte[]>> completed = ofType(events, EventTypes.SESSION_COMPLETED);
		assertThat(completed).hasSize(1);
		JsonNode event = data(completed.get(0));
		assertThat(event.get("preDoseSystolicBp").asInt()).isEqualTo(150);
		assertThat(event.get("cadss6").asInt()).isEqualTo(7);
		assertThat(event.get("sideEffects").toString()).contains("NAUSEA");
		assertThat(event.get("escortConfirmed").asBoolean()).as("confirmed before dosing").isTrue();
		assertThat(new EventSchemas().violations(EventTypes.SESSION_COMPLETED, event)).isEmpty();
	}

	/** Pre-dose vitals with every safety answer negative and the escort confirmed. */
	private static Map<String, Object> vitals(int systolic, int diastolic, boolean confirmElevatedPressure) {
		return Map.of("systolicBp", systolic, "diastolicBp", diastolic, "heartRate", 76, "spo2", 98, "ageYears", 44,
				"safety",
				Map.of("phq9Item9", 0, "wishDead", false, "activeThoughts", false, "method", false, "intent", false,
						"planWithIntent", false, "behaviour", false),
				"escortConfirmed", true, "confirmElevatedPressure", confirmElevatedPressure);
	}

	/** Intake's word that the patient consents to treatment. */
	private void consentsToTreatment(UUID patientId) {
		this.kafka.send(CloudEventRecords.of(org.ketaclinic.intake.events.Topics.PATIENTS, patientId.toString(),
				"/ketaclinic/intake", org.ketaclinic.intake.events.EventTypes.PATIENT_CONTACT_CHANGED,
				EventJson.mapper()
					.writeValueAsBytes(new org.ketaclinic.intake.events.PatientContactChanged(new PatientId(patientId),
							null, "patient@example.org",
							org.ketaclinic.intake.events.PatientContactChanged.Channel.EMAIL, "America/New_York",
							new org.ketaclinic.intake.events.PatientContactChanged.Consents(true, false, true, "v1"),
							Instant.now()))))
			.join();
	}

	private Result clinician(String path, Object body) {
		return this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("dr-kim", "CLINICIAN"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(EventJson.mapper().writeValueAsString(body))
			.exchange((request, response) -> new Result(
					response.getStatusCode().value(), (response.getHeaders().getContentType() != null)
							? response.getHeaders().getContentType().toString() : null,
					EventJson.mapper().readTree(response.getBody().readAllBytes())));
	}

	@Test
	void aRelapseRiskProposesABoosterThatAClinicianApprovesAtLeastSevenDaysAfterTheLastSession() {
		UUID patientId = UUID.randomUUID();
		String planId = approvedPlan(patientId, Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(11);
		assertThat(post("/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", List.of(session(monday, LocalTime.of(8, 0), DemoClinic.chair(1)))))
			.status()).isEqualTo(201);

		RelapseRiskDetected risk = new RelapseRiskDetected(new PatientId(patientId), new CheckInId(UUID.randomUUID()),
				List.of(RelapseRiskDetected.Reason.LOSS_OF_RESPONSE), 20, 15, Instant.now());
		ProducerRecord<String, byte[]> event = CloudEventRecords.of(org.ketaclinic.followup.events.Topics.FOLLOWUP,
				patientId.toString(), "/ketaclinic/followup",
				org.ketaclinic.followup.events.EventTypes.RELAPSE_RISK_DETECTED,
				EventJson.mapper().writeValueAsBytes(risk));
		this.kafka.send(event).join();
		this.kafka.send(event).join();

		JsonNode[] proposal = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			get("/api/scheduling/booster-proposals").forEach((p) -> {
				if (p.get("patientId").asString().equals(patientId.toString())) {
					proposal[0] = p;
				}
			});
			return proposal[0] != null;
		});
		assertThat(proposal[0].get("earliestDate").asString()).isEqualTo(monday.plusDays(7).toString());
		String approval = "/api/scheduling/booster-proposals/" + proposal[0].get("proposalId").asString() + "/approval";
		assertThat(post(approval, Map.of("note", "approve")).status()).as("front desk may not approve").isEqualTo(403);
		JsonNode approved = clinician(approval, Map.of("note", "Booster before the effect fades")).json();
		assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
		String boosterPlan = approved.get("planId").asString();

		Result tooSoon = post("/api/scheduling/plans/" + boosterPlan + "/bookings",
				Map.of("sessions", List.of(session(monday.plusDays(4), LocalTime.of(8, 0), DemoClinic.chair(1)))));
		assertThat(tooSoon.status()).isEqualTo(409);
		assertThat(tooSoon.json().get("detail").asString()).contains("7 days");
		assertThat(post("/api/scheduling/plans/" + boosterPlan + "/bookings",
				Map.of("sessions", List.of(session(monday.plusDays(7), LocalTime.of(8, 0), DemoClinic.chair(1)))))
			.status()).isEqualTo(201);
		List<ConsumerRecord<String, byte[]>> events = events(patientId, 5);
		assertThat(ofType(events, EventTypes.BOOSTER_PROPOSED)).hasSize(1);
		assertThat(new EventSchemas().violations(EventTypes.BOOSTER_PROPOSED,
				data(ofType(events, EventTypes.BOOSTER_PROPOSED).get(0))))
			.isEmpty();
	}

	@Test
	void aFreedSlotIsOfferedToTheFirstPatientWaiting() {
		UUID early = UUID.randomUUID();
		UUID waiting = UUID.randomUUID();
		this.kafka.send(approval(early, Protocol.IV_KETAMINE)).join();
		this.kafka.send(approval(waiting, Protocol.IV_KETAMINE)).join();
		String earlyPlan = awaitPlan(early).get("planId").asString();
		String waitingPlan = awaitPlan(waiting).get("planId").asString();
		Map<String, Object> slot = session(nextMonday(12).plusDays(3), LocalTime.of(15, 0), DemoClinic.chair(4));
		String booked = post("/api/scheduling/plans/" + earlyPlan + "/bookings", Map.of("sessions", List.of(slot)))
			.json()
			.get(0)
			.get("sessionId")
			.asString();

		Result entry = post("/api/scheduling/waitlist", Map.of("planId", waitingPlan));
		assertThat(entry.status()).isEqualTo(201);
		assertThat(post("/api/scheduling/waitlist", Map.of("planId", waitingPlan)).json().get("entryId"))
			.as("a plan keeps its place")
			.isEqualTo(entry.json().get("entryId"));
		post("/api/scheduling/sessions/" + booked + "/cancellation", Map.of("reasonCode", "PATIENT_REQUEST"));
		JsonNode freed = get("/api/scheduling/freed-slots?locationId=" + DemoClinic.LOCATION);
		assertThat(freed.toString()).contains(DemoClinic.chair(4).toString());

		Result offered = post("/api/scheduling/waitlist/" + entry.json().get("entryId").asString() + "/booking", slot);
		assertThat(offered.status()).isEqualTo(201);
		assertThat(get("/api/scheduling/waitlist").toString()).doesNotContain(waitingPlan);
		assertThat(get("/api/scheduling/freed-slots?locationId=" + DemoClinic.LOCATION).toString())
			.doesNotContain((String) slot.get("startsAt"));
	}

	@Test
	void anAdministratorSetsUpALocationWhoseClosuresAndHoursBookingRespects() {
		String admin = TestTokens.bearer("admin-ola", "ADMIN");
		List<Map<String, Object>> weekdays = new ArrayList<>();
		for (int day = 1; day <= 5; day++) {
			weekdays.add(Map.of("dayOfWeek", day, "starts", "09:00", "ends", "17:00"));
		}
		JsonNode location = as(admin, "POST", "/api/scheduling/locations", Map.of("name",
				"Brooklyn " + UUID.randomUUID(), "timeZone", "America/New_York", "openingHours", weekdays))
			.json();
		String locationId = location.get("id").asString();
		String chairId = as(admin, "POST", "/api/scheduling/locations/" + locationId + "/chairs",
				Map.of("name", "Room A"))
			.json()
			.get("id")
			.asString();
		assertThat(as(admin, "POST", "/api/scheduling/locations/" + locationId + "/staff",
				Map.of("name", "Nurse Ada", "role", "NURSE", "hours", weekdays))
			.status()).isEqualTo(201);
		LocalDate holiday = nextMonday(13).plusDays(2);
		assertThat(as(admin, "POST", "/api/scheduling/locations/" + locationId + "/closures",
				Map.of("date", holiday.toString(), "reason", "Staff training"))
			.status()).isEqualTo(201);
		assertThat(as(admin, "POST", "/api/scheduling/locations",
				Map.of("name", "Nowhere", "timeZone", "Mars/Base", "openingHours", List.of()))
			.json()
			.findValuesAsString("field")).contains("timeZone");
		assertThat(as(FRONT_DESK, "POST", "/api/scheduling/locations/" + locationId + "/chairs", Map.of("name", "B"))
			.status()).isEqualTo(403);

		UUID patientId = UUID.randomUUID();
		String planId = approvedPlan(patientId, Protocol.IV_KETAMINE);
		Result closed = post("/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", List.of(session(holiday, LocalTime.of(10, 0), UUID.fromString(chairId)))));
		assertThat(closed.status()).isEqualTo(409);
		assertThat(closed.json().get("detail").asString()).contains("closed");
		Result early = post("/api/scheduling/plans/" + planId + "/bookings", Map.of("sessions",
				List.of(session(holiday.plusDays(1), LocalTime.of(8, 0), UUID.fromString(chairId)))));
		assertThat(early.json().get("detail").asString()).contains("opening hours");
		assertThat(post("/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions",
						List.of(session(holiday.plusDays(1), LocalTime.of(10, 0), UUID.fromString(chairId)))))
			.status()).isEqualTo(201);
		assertThat(get("/api/scheduling/day-view?locationId=" + locationId + "&date=" + holiday).get("opens").isNull())
			.isTrue();
	}

	private Result as(String authorization, String method, String path, Object body) {
		return this.client.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body(EventJson.mapper().writeValueAsString(body))
			.exchange((request, response) -> {
				byte[] bytes = response.getBody().readAllBytes();
				return new Result(response.getStatusCode().value(),
						(response.getHeaders().getContentType() != null)
								? response.getHeaders().getContentType().toString() : null,
						(bytes.length > 0) ? EventJson.mapper().readTree(bytes) : EventJson.mapper().nullNode());
			});
	}

	@Test
	void aSupersededApprovalCancelsThePlanAndItsBookedSessions() {
		UUID patientId = UUID.randomUUID();
		ProducerRecord<String, byte[]> approval = approval(patientId, Protocol.IV_KETAMINE);
		this.kafka.send(approval).join();
		String planId = awaitPlan(patientId).get("planId").asString();
		Result booked = post("/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", List.of(session(nextMonday(14), LocalTime.of(9, 0), DemoClinic.chair(3)))));
		assertThat(booked.status()).isEqualTo(201);
		String sessionId = booked.json().get(0).get("sessionId").asString();
		UUID approvedAssessment = EventJson.mapper()
			.readValue(approval.value(), ScreeningDecided.class)
			.assessmentId()
			.value();

		var assessed = new org.ketaclinic.screening.events.ScreeningAssessed(new PatientId(patientId),
				new AssessmentId(UUID.randomUUID()), new SubmissionId(UUID.randomUUID()), 2,
				org.ketaclinic.screening.events.Outcome.NEEDS_CLINICIAN_REVIEW, List.of("SCR-REV-01"), "r1",
				Instant.now(), Instant.now().plusSeconds(3600), new AssessmentId(approvedAssessment));
		this.kafka.send(CloudEventRecords.of(org.ketaclinic.screening.events.Topics.SCREENING, patientId.toString(),
				"/ketaclinic/screening", org.ketaclinic.screening.events.EventTypes.SCREENING_ASSESSED,
				EventJson.mapper().writeValueAsBytes(assessed)))
			.join();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> "CANCELLED".equals(get("/api/scheduling/plans/" + planId).get("status").asString()));
		assertThat(get("/api/scheduling/sessions/" + sessionId).get("status").asString())
			.as("a stopped plan leaves no booked session behind")
			.isEqualTo("CANCELLED");
		assertThat(get("/api/scheduling/plans/attention").toString()).doesNotContain(planId);
		assertThat(post("/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions",
						List.of(session(nextMonday(14).plusDays(2), LocalTime.of(9, 0), DemoClinic.chair(3)))))
			.status()).isEqualTo(409);
	}

	@Test
	void aWithdrawnApprovalCancelsThePlan() {
		UUID patientId = UUID.randomUUID();
		ProducerRecord<String, byte[]> approval = approval(patientId, Protocol.ESKETAMINE);
		this.kafka.send(approval).join();
		String planId = awaitPlan(patientId).get("planId").asString();
		UUID assessmentId = EventJson.mapper()
			.readValue(approval.value(), ScreeningDecided.class)
			.assessmentId()
			.value();
		this.kafka.send(CloudEventRecords.of(org.ketaclinic.screening.events.Topics.SCREENING, patientId.toString(),
				"/ketaclinic/screening", org.ketaclinic.screening.events.EventTypes.APPROVAL_WITHDRAWN,
				EventJson.mapper()
					.writeValueAsBytes(new org.ketaclinic.screening.events.ApprovalWithdrawn(new PatientId(patientId),
							new AssessmentId(assessmentId), new SubmissionId(UUID.randomUUID()), Instant.now()))))
			.join();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "CANCELLED".equals(get("/api/scheduling/plans/" + planId).get("status").asString()));
	}

	@Test
	void onlyTheFrontDeskBooks() {
		UUID patientId = UUID.randomUUID();
		String planId = approvedPlan(patientId, Protocol.ESKETAMINE);
		int status = this.client.post()
			.uri("/api/scheduling/plans/" + planId + "/bookings")
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("dr-kim", "CLINICIAN"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(EventJson.mapper()
				.writeValueAsString(
						Map.of("sessions", List.of(session(nextMonday(7), LocalTime.of(9, 0), DemoClinic.chair(1))))))
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(403);
		int invalidBody = this.client.post()
			.uri("/api/scheduling/plans/" + planId + "/bookings")
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("dr-kim", "CLINICIAN"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"sessions\": []}")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(invalidBody).as("the role is checked before the body").isEqualTo(403);
		Result empty = post("/api/scheduling/plans/" + planId + "/bookings", Map.of("sessions", List.of()));
		assertThat(empty.status()).isEqualTo(400);
	}

	private static Map<String, Object> session(LocalDate day, LocalTime time, UUID chair) {
		return Map.of("startsAt", ZonedDateTime.of(day, time, NEW_YORK).toOffsetDateTime().toString(), "chairId",
				chair.toString());
	}

	/**
	 * A Monday at least {@code weeks} weeks away, so tests never book in the past or
	 * collide by date.
	 */
	private static LocalDate nextMonday(int weeks) {
		return LocalDate.now(NEW_YORK).plusWeeks(weeks).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
	}

	/** Approves the patient in screening's name and waits for the plan it creates. */
	private String approvedPlan(UUID patientId, Protocol protocol) {
		this.kafka.send(approval(patientId, protocol)).join();
		return awaitPlan(patientId).get("planId").asString();
	}

	private JsonNode awaitPlan(UUID patientId) {
		JsonNode[] plans = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			plans[0] = get("/api/scheduling/plans?patientId=" + patientId);
			return plans[0].size() > 0;
		});
		return plans[0].get(0);
	}

	private static ProducerRecord<String, byte[]> approval(UUID patientId, Protocol protocol) {
		ScreeningDecided decided = new ScreeningDecided(new PatientId(patientId), new AssessmentId(UUID.randomUUID()),
				Decision.APPROVED, protocol, List.of(), Instant.now());
		return CloudEventRecords.of(org.ketaclinic.screening.events.Topics.SCREENING, patientId.toString(),
				"/ketaclinic/screening", org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				EventJson.mapper().writeValueAsBytes(decided));
	}

	private JsonNode get(String path) {
		return EventJson.mapper()
			.readTree(this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, FRONT_DESK)
				.retrieve()
				.body(String.class));
	}

	private Result post(String path, Object body) {
		return this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, FRONT_DESK)
			.contentType(MediaType.APPLICATION_JSON)
			.body(EventJson.mapper().writeValueAsString(body))
			.exchange((request, response) -> new Result(
					response.getStatusCode().value(), (response.getHeaders().getContentType() != null)
							? response.getHeaders().getContentType().toString() : null,
					EventJson.mapper().readTree(response.getBody().readAllBytes())));
	}

	record Result(int status, String contentType, JsonNode json) {
	}

}
