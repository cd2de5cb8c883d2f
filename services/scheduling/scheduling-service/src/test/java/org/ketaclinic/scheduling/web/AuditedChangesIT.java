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

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.WithInfrastructure;
import org.ketaclinic.scheduling.clinic.DemoClinic;
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

/**
 * Bookings, pre-dose records and waitlist actions are audited in the transaction of the
 * change (ADR 10): the entry and the changed row carry the same transaction id
 * ({@code xmin}), and a refused command leaves no entry. An entry written after the
 * commit could not pass, since {@code AuditLog.recordChange} refuses to run outside a
 * transaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class AuditedChangesIT {

	private static final String FRONT_DESK = TestTokens.bearerNamed("0a1b-frontdesk-sub", "ann.frontdesk",
			"FRONT_DESK");

	private static final String CLINICIAN = TestTokens.bearer("dr-kim", "CLINICIAN");

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
	void aBookingIsAuditedWithItsSessionsAndAClashingSeriesLeavesNoEntry() {
		UUID patientId = UUID.randomUUID();
		String planId = approvedPlan(patientId);
		Map<String, Object> slot = session(nextMonday(4), LocalTime.of(10, 0), DemoClinic.chair(2));
		Result booked = call(FRONT_DESK, "POST", "/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", List.of(slot)));
		assertThat(booked.status()).isEqualTo(201);
		String sessionId = booked.json().get(0).get("sessionId").asString();

		Map<String, Object> entry = this.jdbc.queryForMap(
				"SELECT actor, actor_name, roles, resource, xmin::text AS tx FROM audit_event WHERE patient_id = ?"
						+ " AND action = 'SESSION_BOOKED'",
				patientId);
		assertThat(entry).containsEntry("actor", "0a1b-frontdesk-sub")
			.containsEntry("actor_name", "ann.frontdesk")
			.containsEntry("roles", "FRONT_DESK")
			.containsEntry("resource", "plan/" + planId + "/session/" + sessionId);
		assertThat(entry.get("tx")).as("written by the booking's own transaction")
			.isEqualTo(this.jdbc.queryForObject("SELECT xmin::text FROM session WHERE id = ?::uuid", String.class,
					sessionId));

		UUID other = UUID.randomUUID();
		Result clash = call(FRONT_DESK, "POST", "/api/scheduling/plans/" + approvedPlan(other) + "/bookings",
				Map.of("sessions", List.of(slot)));
		assertThat(clash.status()).isEqualTo(409);
		assertThat(entries(other, "SESSION_BOOKED")).isZero();
	}

	@Test
	void aPreDoseRecordIsAuditedInItsTransactionAndARefusedOneIsNot() {
		UUID patientId = UUID.randomUUID();
		consentsToTreatment(patientId);
		String planId = approvedPlan(patientId);
		String sessionId = call(FRONT_DESK, "POST", "/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", List.of(session(nextMonday(5), LocalTime.of(11, 0), DemoClinic.chair(3)))))
			.json()
			.get(0)
			.get("sessionId")
			.asString();
		String session = "/api/scheduling/sessions/" + sessionId;

		assertThat(call(CLINICIAN, "POST", session + "/pre-dose", vitals()).status())
			.as("before check-in the pre-dose check is refused")
			.isEqualTo(409);
		assertThat(entries(patientId, "SESSION_PRE_DOSE_RECORDED")).isZero();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> "CHECKED_IN"
				.equals(call(FRONT_DESK, "POST", session + "/check-in", Map.of()).json().path("status").asString("")));
		assertThat(entries(patientId, "SESSION_CHECKED_IN")).isEqualTo(1);
		assertThat(call(CLINICIAN, "POST", session + "/pre-dose", vitals()).status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject(
				"SELECT xmin::text FROM audit_event WHERE patient_id = ? AND action = 'SESSION_PRE_DOSE_RECORDED'",
				String.class, patientId))
			.isEqualTo(this.jdbc.queryForObject("SELECT xmin::text FROM session_record WHERE session_id = ?::uuid",
					String.class, sessionId));
	}

	@Test
	void waitlistActionsAreAuditedAndARefusedOfferIsNot() {
		UUID patientId = UUID.randomUUID();
		String planId = approvedPlan(patientId);
		Result added = call(FRONT_DESK, "POST", "/api/scheduling/waitlist", Map.of("planId", planId));
		assertThat(added.status()).isEqualTo(201);
		String entryId = added.json().get("entryId").asString();
		assertThat(this.jdbc.queryForObject(
				"SELECT xmin::text FROM audit_event WHERE patient_id = ? AND action = 'WAITLIST_ADDED'", String.class,
				patientId))
			.isEqualTo(this.jdbc.queryForObject("SELECT xmin::text FROM waitlist_entry WHERE id = ?::uuid",
					String.class, entryId));

		assertThat(call(FRONT_DESK, "POST", "/api/scheduling/waitlist/" + entryId + "/removal", Map.of()).status())
			.isEqualTo(200);
		assertThat(entries(patientId, "WAITLIST_REMOVED")).isEqualTo(1);
		Result offered = call(FRONT_DESK, "POST", "/api/scheduling/waitlist/" + entryId + "/booking",
				session(nextMonday(6), LocalTime.of(9, 0), DemoClinic.chair(1)));
		assertThat(offered.status()).as("a removed entry waits no more").isEqualTo(409);
		assertThat(entries(patientId, "WAITLIST_SLOT_BOOKED")).isZero();

		String again = call(FRONT_DESK, "POST", "/api/scheduling/waitlist", Map.of("planId", planId)).json()
			.get("entryId")
			.asString();
		assertThat(call(FRONT_DESK, "POST", "/api/scheduling/waitlist/" + again + "/booking",
				session(nextMonday(6), LocalTime.of(9, 0), DemoClinic.chair(1)))
			.status()).isEqualTo(201);
		assertThat(entries(patientId, "WAITLIST_SLOT_BOOKED")).isEqualTo(1);
		assertThat(entries(patientId, "WAITLIST_ADDED")).isEqualTo(2);
	}

	@Test
	void theAuditChainOfSchedulingIsVerifiedForAdministratorsOnly() {
		call(FRONT_DESK, "POST", "/api/scheduling/waitlist", Map.of("planId", approvedPlan(UUID.randomUUID())));
		assertThat(call(null, "GET", "/admin/audit/verification", null).status()).isEqualTo(401);
		assertThat(call(FRONT_DESK, "GET", "/admin/audit/verification", null).status()).isEqualTo(403);
		assertThat(call(CLINICIAN, "GET", "/admin/audit/export?from=2026-01-01T00:00:00Z&to=2099-01-01T00:00:00Z", null)
			.status()).isEqualTo(403);
		Result verification = call(TestTokens.bearer("admin-ola", "ADMIN"), "GET", "/admin/audit/verification", null);
		assertThat(verification.status()).isEqualTo(200);
		assertThat(verification.json().get("verified").asBoolean()).as(verification.json().toString()).isTrue();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE action = 'ACCESS_REFUSED' AND resource LIKE '% /admin/audit/%'",
				Integer.class))
			.isGreaterThanOrEqualTo(3);
	}

	private int entries(UUID patientId, String action) {
		return this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE patient_id = ? AND action = ?",
				Integer.class, patientId, action);
	}

	private static Map<String, Object> vitals() {
		return Map.of("systolicBp", 120, "diastolicBp", 80, "heartRate", 76, "spo2", 98, "ageYears", 44, "safety",
				Map.of("phq9Item9", 0, "wishDead", false, "activeThoughts", false, "method", false, "intent", false,
						"planWithIntent", false, "behaviour", false),
				"escortConfirmed", true);
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

	private String approvedPlan(UUID patientId) {
		ScreeningDecided decided = new ScreeningDecided(new PatientId(patientId), new AssessmentId(UUID.randomUUID()),
				Decision.APPROVED, Protocol.IV_KETAMINE, List.of(), Instant.now());
		ProducerRecord<String, byte[]> approval = CloudEventRecords.of(org.ketaclinic.screening.events.Topics.SCREENING,
				patientId.toString(), "/ketaclinic/screening",
				org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				EventJson.mapper().writeValueAsBytes(decided));
		this.kafka.send(approval).join();
		JsonNode[] plans = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			plans[0] = call(FRONT_DESK, "GET", "/api/scheduling/plans?patientId=" + patientId, null).json();
			return plans[0].size() > 0;
		});
		return plans[0].get(0).get("planId").asString();
	}

	private static Map<String, Object> session(LocalDate day, LocalTime time, UUID chair) {
		return Map.of("startsAt", ZonedDateTime.of(day, time, NEW_YORK).toOffsetDateTime().toString(), "chairId",
				chair.toString());
	}

	private static LocalDate nextMonday(int weeks) {
		return LocalDate.now(NEW_YORK).plusWeeks(weeks).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
	}

	private Result call(String authorization, String method, String path, Object body) {
		var request = this.client.method(HttpMethod.valueOf(method)).uri(path);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
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
