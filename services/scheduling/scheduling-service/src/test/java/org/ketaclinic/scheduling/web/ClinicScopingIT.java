package org.ketaclinic.scheduling.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.WithInfrastructure;
import org.ketaclinic.scheduling.clinic.DemoClinic;
import org.ketaclinic.scheduling.events.EventTypes;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.Protocol;
import org.ketaclinic.screening.events.ScreeningDecided;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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

/**
 * Clinic scoping (ADR 12): a plan and everything under it belong to the clinic of the
 * screening event that made it; staff of another clinic get 404 on it, exactly as for an
 * unknown id, and change nothing; lists leave it out; chairs of another clinic cannot be
 * booked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class ClinicScopingIT {

	private static final String MAIN_DESK = TestTokens.bearer("frontdesk-ann", "FRONT_DESK");

	private static final String LAKESIDE_DESK = TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC),
			"frontdesk-lou", "FRONT_DESK");

	private static final String LAKESIDE_CLINICIAN = TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC),
			"dr-lake", "CLINICIAN");

	private static final String MAIN_ADMIN = TestTokens.bearer("admin-ola", "ADMIN");

	private static final String LAKESIDE_ADMIN = TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC),
			"admin-lake", "ADMIN");

	private static final String BOTH_DESK = TestTokens
		.bearerForClinics(List.of(TestTokens.CLINIC, TestTokens.OTHER_CLINIC), "frontdesk-bo", "FRONT_DESK");

	private static final String NO_CLINIC_DESK = TestTokens.bearerForClinics(List.of(), "frontdesk-nobody",
			"FRONT_DESK");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

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
	void aFrontDeskUserOfLakesideCannotReadListOrBookAMainPatientsPlanWhileMainCan() {
		UUID patientId = UUID.randomUUID();
		// an approval from before clinics: no clinicId, so the default clinic
		this.kafka.send(approval(patientId, null)).join();
		String planId = awaitPlan(patientId, MAIN_DESK);
		assertThat(this.jdbc.queryForObject("SELECT clinic_id FROM treatment_plan WHERE id = ?::uuid", String.class,
				planId))
			.isEqualTo("main");
		String plan = "/api/scheduling/plans/" + planId;
		LocalDate monday = nextMonday(60);
		Map<String, Object> booking = Map.of("sessions",
				List.of(session(monday, LocalTime.of(9, 0), NEW_YORK, DemoClinic.chair(1))));

		// lakeside: every read and command answers 404, and lists leave the plan out
		assertThat(as(LAKESIDE_DESK, "GET", plan, null).status()).isEqualTo(404);
		assertThat(as(LAKESIDE_DESK, "GET", plan + "/proposals?from=" + monday, null).status()).isEqualTo(404);
		assertThat(as(LAKESIDE_DESK, "GET", plan + "/slots?date=" + monday, null).status()).isEqualTo(404);
		assertThat(as(LAKESIDE_DESK, "GET", "/api/scheduling/plans?patientId=" + patientId, null).json()).isEmpty();
		assertThat(as(LAKESIDE_DESK, "GET", "/api/scheduling/plans", null).json().toString()).doesNotContain(planId);
		Result refused = as(LAKESIDE_DESK, "POST", plan + "/bookings", booking);
		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.json().toString()).doesNotContain(patientId.toString());
		assertThat(as(LAKESIDE_DESK, "POST", "/api/scheduling/waitlist", Map.of("planId", planId)).status())
			.isEqualTo(404);
		assertThat(as(LAKESIDE_CLINICIAN, "POST", plan + "/cancellation", Map.of("reason", "not ours")).status())
			.isEqualTo(404);
		assertThat(sessionsOf(planId)).as("nothing was booked").isZero();
		assertThat(planStatus(planId)).isEqualTo("ACTIVE");

		// a token without clinics sees nothing
		assertThat(as(NO_CLINIC_DESK, "GET", plan, null).status()).isEqualTo(404);
		assertThat(as(NO_CLINIC_DESK, "GET", "/api/scheduling/plans?patientId=" + patientId, null).json()).isEmpty();
		assertThat(as(NO_CLINIC_DESK, "GET", "/api/scheduling/locations", null).json()).isEmpty();

		// main may not book the main patient into a lakeside chair either
		Result otherChair = as(MAIN_DESK, "POST", plan + "/bookings",
				Map.of("sessions", List.of(session(monday, LocalTime.of(9, 0), CHICAGO, DemoClinic.lakesideChair(1)))));
		assertThat(otherChair.status()).isEqualTo(404);
		assertThat(sessionsOf(planId)).isZero();

		// main and a user of both clinics read it; main books it
		assertThat(as(MAIN_DESK, "GET", plan, null).status()).isEqualTo(200);
		assertThat(as(BOTH_DESK, "GET", plan, null).status()).isEqualTo(200);
		assertThat(as(BOTH_DESK, "GET", "/api/scheduling/plans?patientId=" + patientId, null).json()).hasSize(1);
		Result booked = as(MAIN_DESK, "POST", plan + "/bookings", booking);
		assertThat(booked.status()).isEqualTo(201);
		String session = "/api/scheduling/sessions/" + booked.json().get(0).get("sessionId").asString();

		// the session is main's too: lakeside can neither read nor change it
		assertThat(as(LAKESIDE_DESK, "GET", session, null).status()).isEqualTo(404);
		assertThat(as(LAKESIDE_DESK, "POST", session + "/check-in", Map.of()).status()).isEqualTo(404);
		assertThat(
				as(LAKESIDE_DESK, "POST", session + "/cancellation", Map.of("reasonCode", "PATIENT_REQUEST")).status())
			.isEqualTo(404);
		assertThat(as(LAKESIDE_DESK, "POST", session + "/missed", Map.of()).status()).isEqualTo(404);
		assertThat(as(LAKESIDE_DESK, "POST", session + "/reschedule",
				session(monday.plusDays(2), LocalTime.of(9, 0), CHICAGO, DemoClinic.lakesideChair(1)))
			.status()).isEqualTo(404);
		assertThat(as(LAKESIDE_DESK, "POST", session + "/status-correction",
				Map.of("status", "MISSED", "reason", "not ours"))
			.status()).isEqualTo(404);
		assertThat(as(LAKESIDE_CLINICIAN, "POST", session + "/start", Map.of()).status()).isEqualTo(404);
		JsonNode unchanged = as(MAIN_DESK, "GET", session, null).json();
		assertThat(unchanged.get("status").asString()).isEqualTo("BOOKED");
		assertThat(unchanged.get("history")).hasSize(1);
		assertThat(as(LAKESIDE_DESK, "GET",
				"/api/scheduling/day-view?locationId=" + DemoClinic.LOCATION + "&date=" + monday, null)
			.status()).isEqualTo(404);
		assertThat(as(LAKESIDE_DESK, "GET", "/api/scheduling/freed-slots?locationId=" + DemoClinic.LOCATION, null)
			.status()).isEqualTo(404);
		JsonNode lakesideLocations = as(LAKESIDE_DESK, "GET", "/api/scheduling/locations", null).json();
		assertThat(lakesideLocations).hasSize(1);
		assertThat(lakesideLocations.get(0).get("locationId").asString())
			.isEqualTo(DemoClinic.LAKESIDE_LOCATION.toString());
		assertThat(lakesideLocations.get(0).get("clinicId").asString()).isEqualTo("lakeside");
		assertThat(as(MAIN_DESK, "GET", "/api/scheduling/locations", null).json().toString())
			.doesNotContain(DemoClinic.LAKESIDE_LOCATION.toString());

		// one SessionBooked only (main's), and every event names the clinic
		List<ConsumerRecord<String, byte[]>> events = events(patientId, 2);
		assertThat(ofType(events, EventTypes.SESSION_BOOKED)).hasSize(1);
		EventSchemas schemas = new EventSchemas();
		events.forEach((e) -> {
			assertThat(data(e).get("clinicId").asString()).isEqualTo("main");
			assertThat(schemas.violations(type(e), data(e))).isEmpty();
		});
	}

	@Test
	void twoClinicsEachHaveALocationOfTheSameNameWhileWithinOneClinicTheNameStaysUnique() {
		String name = "Main street " + UUID.randomUUID();
		Map<String, Object> location = Map.of("name", name, "timeZone", "America/Chicago", "openingHours",
				List.of(Map.of("dayOfWeek", 1, "starts", "09:00", "ends", "17:00")));
		Result mains = as(MAIN_ADMIN, "POST", "/api/scheduling/locations", location);
		assertThat(mains.status()).isEqualTo(201);

		// lakeside may have a location of the same name: its own, not main's
		Result lakesides = as(LAKESIDE_ADMIN, "POST", "/api/scheduling/locations", location);
		assertThat(lakesides.status()).isEqualTo(201);
		assertThat(lakesides.json().get("clinicId").asString()).isEqualTo(TestTokens.OTHER_CLINIC);
		assertThat(lakesides.json().get("id").asString()).isNotEqualTo(mains.json().get("id").asString());
		assertThat(as(LAKESIDE_DESK, "GET", "/api/scheduling/locations", null).json().toString())
			.contains(lakesides.json().get("id").asString())
			.doesNotContain(mains.json().get("id").asString());

		// within lakeside the name stays unique: the same name again answers the location
		// it has (a retry is safe), and no second one is made
		Result again = as(LAKESIDE_ADMIN, "POST", "/api/scheduling/locations", location);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json().get("id").asString()).isEqualTo(lakesides.json().get("id").asString());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM location WHERE name = ? AND clinic_id = ?",
				Integer.class, name, TestTokens.OTHER_CLINIC))
			.isEqualTo(1);

		// a lakeside administrator cannot put it into main; the answer names the field
		Result intoMain = as(LAKESIDE_ADMIN, "POST", "/api/scheduling/locations", Map.of("name", name, "timeZone",
				"America/Chicago", "openingHours", List.of(), "clinicId", TestTokens.CLINIC));
		assertThat(intoMain.status()).isEqualTo(400);
		assertThat(intoMain.json().findValuesAsString("field")).contains("clinicId");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM location WHERE name = ?", Integer.class, name))
			.isEqualTo(2);
	}

	@Test
	void aLakesidePatientsPlanBelongsToLakesideAndBooksIntoLakesideChairsOnly() {
		UUID patientId = UUID.randomUUID();
		this.kafka.send(approval(patientId, TestTokens.OTHER_CLINIC)).join();
		String planId = awaitPlan(patientId, LAKESIDE_DESK);
		String plan = "/api/scheduling/plans/" + planId;
		assertThat(as(MAIN_DESK, "GET", plan, null).status()).isEqualTo(404);
		assertThat(as(MAIN_DESK, "GET", "/api/scheduling/plans?patientId=" + patientId, null).json()).isEmpty();

		LocalDate monday = nextMonday(61);
		JsonNode slots = as(LAKESIDE_DESK, "GET", plan + "/slots?date=" + monday, null).json();
		assertThat(slots.size()).isPositive();
		slots.forEach((slot) -> assertThat(slot.get("locationId").asString())
			.isEqualTo(DemoClinic.LAKESIDE_LOCATION.toString()));
		assertThat(as(LAKESIDE_DESK, "POST", plan + "/bookings",
				Map.of("sessions", List.of(session(monday, LocalTime.of(9, 0), NEW_YORK, DemoClinic.chair(2)))))
			.status()).as("a main chair is unknown to a lakeside plan").isEqualTo(404);
		Result booked = as(LAKESIDE_DESK, "POST", plan + "/bookings",
				Map.of("sessions", List.of(session(monday, LocalTime.of(9, 0), CHICAGO, DemoClinic.lakesideChair(1)))));
		assertThat(booked.status()).isEqualTo(201);
		assertThat(
				this.jdbc.queryForObject("SELECT clinic_id FROM session WHERE plan_id = ?::uuid", String.class, planId))
			.isEqualTo(TestTokens.OTHER_CLINIC);
		assertThat(as(LAKESIDE_DESK, "GET",
				"/api/scheduling/day-view?locationId=" + DemoClinic.LAKESIDE_LOCATION + "&date=" + monday, null)
			.json()
			.toString()).contains(planId);

		List<ConsumerRecord<String, byte[]>> events = events(patientId, 2);
		assertThat(ofType(events, EventTypes.TREATMENT_PLAN_CREATED)).hasSize(1);
		assertThat(ofType(events, EventTypes.SESSION_BOOKED)).hasSize(1);
		events.forEach((e) -> assertThat(data(e).get("clinicId").asString()).isEqualTo(TestTokens.OTHER_CLINIC));
	}

	private int sessionsOf(String planId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM session WHERE plan_id = ?::uuid", Integer.class, planId);
	}

	private String planStatus(String planId) {
		return this.jdbc.queryForObject("SELECT status FROM treatment_plan WHERE id = ?::uuid", String.class, planId);
	}

	private static Map<String, Object> session(LocalDate day, LocalTime time, ZoneId zone, UUID chair) {
		return Map.of("startsAt", ZonedDateTime.of(day, time, zone).toOffsetDateTime().toString(), "chairId",
				chair.toString());
	}

	private static LocalDate nextMonday(int weeks) {
		return LocalDate.now(NEW_YORK).plusWeeks(weeks).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
	}

	private String awaitPlan(UUID patientId, String authorization) {
		JsonNode[] plans = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			plans[0] = as(authorization, "GET", "/api/scheduling/plans?patientId=" + patientId, null).json();
			return plans[0].size() > 0;
		});
		return plans[0].get(0).get("planId").asString();
	}

	private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> approval(UUID patientId,
			String clinicId) {
		ScreeningDecided decided = (clinicId != null)
				? new ScreeningDecided(new PatientId(patientId), new AssessmentId(UUID.randomUUID()), Decision.APPROVED,
						Protocol.IV_KETAMINE, List.of(), Instant.now(), clinicId)
				: new ScreeningDecided(new PatientId(patientId), new AssessmentId(UUID.randomUUID()), Decision.APPROVED,
						Protocol.IV_KETAMINE, List.of(), Instant.now());
		return CloudEventRecords.of(org.ketaclinic.screening.events.Topics.SCREENING, patientId.toString(),
				"/ketaclinic/screening", org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				EventJson.mapper().writeValueAsBytes(decided));
	}

	private Result as(String authorization, String method, String path, Object body) {
		RestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method))
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, authorization);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(EventJson.mapper().writeValueAsString(body));
		}
		return request.exchange((req, response) -> {
			byte[] bytes = response.getBody().readAllBytes();
			return new Result(response.getStatusCode().value(),
					(bytes.length > 0) ? EventJson.mapper().readTree(bytes) : EventJson.mapper().nullNode());
		});
	}

	record Result(int status, JsonNode json) {
	}

}
