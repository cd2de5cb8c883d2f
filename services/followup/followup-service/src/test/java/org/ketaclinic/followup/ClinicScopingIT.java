package org.ketaclinic.followup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.followup.events.EventTypes;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.screening.events.UrgentReviewRequested;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ADR 12 in follow-up: a patient's alerts, tasks, messages, check-ins and PHQ-9 course
 * belong to the patient's clinic. Staff of another clinic get 404 for them, as for
 * unknown ids, and change nothing; lists leave them out; a token without clinics sees
 * nothing. The clinic comes from the intake and screening events (the default clinic when
 * they name none), and follow-up's own events carry it.
 */
class ClinicScopingIT extends FollowupTestSupport {

	static final String LAKESIDE_CLINICIAN = TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC), "dr-lake",
			"CLINICIAN");

	static final String LAKESIDE_FRONT_DESK = TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC),
			"frontdesk-lake", "FRONT_DESK");

	static final String BOTH_CLINICIAN = TestTokens
		.bearerForClinics(List.of(TestTokens.CLINIC, TestTokens.OTHER_CLINIC), "dr-both", "CLINICIAN");

	static final String LAKESIDE_ADMIN = TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC), "admin-lake",
			"ADMIN");

	static final String BOTH_ADMIN = TestTokens.bearerForClinics(List.of(TestTokens.CLINIC, TestTokens.OTHER_CLINIC),
			"admin-both", "ADMIN");

	static final String ADMIN = TestTokens.bearer("admin-ada", "ADMIN");

	/**
	 * The demo rosters (ketaclinic.followup.paging.demo-roster), as on the local stack.
	 */
	static final String MAIN_DEMO_PRIMARY = "+15550100911";

	static final String MAIN_DEMO_PRIMARY_ENTRY = "00000000-0000-4000-8000-0000000ca111";

	static final String LAKESIDE_DEMO_PRIMARY = "+15550100913";

	static final String LAKESIDE_DEMO_PRIMARY_ENTRY = "00000000-0000-4000-8000-0000000ca113";

	static final String NO_CLINIC_CLINICIAN = TestTokens.bearerForClinics(List.of(), "dr-none", "CLINICIAN");

	@Test
	void anotherClinicsStaffGetNotFoundForAMainPatientAndChangeNothing() {
		UUID patientId = UUID.randomUUID();
		// an event of a producer that names no clinic: the default clinic
		contact(patientId, phone(), null, PatientContactChanged.Channel.SMS, true, false);
		assertThat(clinicOf("patient", "patient_id", patientId)).isEqualTo("main");
		UUID checkInId = checkIn(patientId);
		assertThat(clinicOf("check_in", "check_in_id", checkInId)).isEqualTo("main");
		UUID alertId = urgentScreening(patientId, null);
		assertThat(clinicOf("alert", "alert_id", alertId)).isEqualTo("main");
		UUID taskId = task(patientId, "main");
		Integer checkInsBefore = checkIns(patientId);

		String patient = "/api/followup/patients/" + patientId;
		for (String path : List.of(patient + "/messages", patient + "/phq9", patient + "/alerts",
				"/api/followup/alerts/" + alertId)) {
			assertThat(status(path, LAKESIDE_CLINICIAN)).as(path).isEqualTo(404);
			assertThat(status(path, NO_CLINIC_CLINICIAN)).as(path).isEqualTo(404);
			assertThat(status(path, CLINICIAN)).as(path).isEqualTo(200);
			assertThat(status(path, BOTH_CLINICIAN)).as(path).isEqualTo(200);
		}
		assertThat(status(patient + "/messages", LAKESIDE_FRONT_DESK)).isEqualTo(404);

		// commands load through the scoped read: nothing changes
		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", LAKESIDE_CLINICIAN,
				Map.of("note", "not mine"))
			.status()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT status FROM alert WHERE alert_id = ?", String.class, alertId))
			.isEqualTo("OPEN");
		assertThat(post(patient + "/check-ins", LAKESIDE_CLINICIAN, null).status()).isEqualTo(404);
		assertThat(checkIns(patientId)).isEqualTo(checkInsBefore);
		assertThat(post("/api/followup/tasks/" + taskId + "/completion", LAKESIDE_FRONT_DESK, null).status())
			.isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT status FROM staff_task WHERE task_id = ?", String.class, taskId))
			.isEqualTo("OPEN");

		// lists and inboxes leave it out
		assertThat(ids(get("/api/followup/alerts?status=OPEN", LAKESIDE_CLINICIAN), "alertId"))
			.doesNotContain(alertId.toString());
		assertThat(get("/api/followup/alerts?status=OPEN", NO_CLINIC_CLINICIAN)).isEmpty();
		assertThat(ids(get("/api/followup/alerts?status=OPEN", CLINICIAN), "alertId")).contains(alertId.toString());
		assertThat(ids(get("/api/followup/alerts?status=OPEN", BOTH_CLINICIAN), "alertId"))
			.contains(alertId.toString());
		assertThat(ids(get("/api/followup/tasks?status=OPEN", LAKESIDE_FRONT_DESK), "id"))
			.doesNotContain(taskId.toString());
		assertThat(get("/api/followup/tasks?status=OPEN",
				TestTokens.bearerForClinics(List.of(), "frontdesk-none", "FRONT_DESK")))
			.isEmpty();
		assertThat(ids(get("/api/followup/tasks?status=OPEN", FRONT_DESK), "id")).contains(taskId.toString());

		// the patient's own clinic acknowledges it; the events name the clinic
		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "called"))
			.status()).isEqualTo(200);
		assertThat(post("/api/followup/tasks/" + taskId + "/completion", FRONT_DESK, null).status()).isEqualTo(200);
		assertThat(clinicIdOf(followupEvents(patientId, EventTypes.URGENT_ALERT_RAISED, 1))).isEqualTo("main");
		assertThat(clinicIdOf(followupEvents(patientId, EventTypes.URGENT_ALERT_ACKNOWLEDGED, 1))).isEqualTo("main");
	}

	@Test
	void aLakesidePatientTakesItsClinicFromTheEventsAndIsHiddenFromMain() {
		UUID patientId = UUID.randomUUID();
		PatientContactChanged contact = new PatientContactChanged(new PatientId(patientId), phone(), null,
				PatientContactChanged.Channel.SMS, NEW_YORK.getId(),
				new PatientContactChanged.Consents(true, true, false, "2026-01"), Instant.now(), "lakeside");
		send(org.ketaclinic.intake.events.Topics.PATIENTS, patientId, "/ketaclinic/intake",
				org.ketaclinic.intake.events.EventTypes.PATIENT_CONTACT_CHANGED, contact);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "lakeside".equals(clinicOf("patient", "patient_id", patientId)));
		UUID alertId = urgentScreening(patientId, "lakeside");
		assertThat(clinicOf("alert", "alert_id", alertId)).isEqualTo("lakeside");
		Result requested = post("/api/followup/patients/" + patientId + "/check-ins", LAKESIDE_CLINICIAN, null);
		assertThat(requested.status()).isEqualTo(201);
		UUID checkInId = UUID.fromString(requested.json().get("checkInId").asString());
		assertThat(clinicOf("check_in", "check_in_id", checkInId)).isEqualTo("lakeside");
		assertThat(this.jdbc.queryForList("SELECT DISTINCT clinic_id FROM message WHERE patient_id = ?", String.class,
				patientId))
			.containsExactly("lakeside");

		assertThat(status("/api/followup/patients/" + patientId + "/messages", LAKESIDE_FRONT_DESK)).isEqualTo(200);
		assertThat(status("/api/followup/patients/" + patientId + "/messages", FRONT_DESK)).isEqualTo(404);
		assertThat(status("/api/followup/alerts/" + alertId, CLINICIAN)).isEqualTo(404);
		assertThat(status("/api/followup/alerts/" + alertId, LAKESIDE_CLINICIAN)).isEqualTo(200);
		assertThat(ids(get("/api/followup/alerts?status=OPEN", CLINICIAN), "alertId"))
			.doesNotContain(alertId.toString());
		assertThat(clinicIdOf(followupEvents(patientId, EventTypes.URGENT_ALERT_RAISED, 1))).isEqualTo("lakeside");
	}

	@Test
	void anAlertPagesItsOwnClinicsOnCallAndEachClinicKeepsItsOwnRoster() {
		UUID patientId = UUID.randomUUID();
		UUID alertId = urgentScreening(patientId, "lakeside");
		this.dispatcher.dispatchDue();
		assertThat(pagesTo(LAKESIDE_DEMO_PRIMARY, alertId)).as("lakeside's primary is paged").hasSize(1);
		assertThat(pagesTo(MAIN_DEMO_PRIMARY, alertId)).as("main's primary never hears of it").isEmpty();
		// no contact details yet: the patient's clinic is that of the rows about them
		String alerts = "/api/followup/patients/" + patientId + "/alerts";
		assertThat(status(alerts, CLINICIAN)).isEqualTo(404);
		assertThat(status(alerts, LAKESIDE_CLINICIAN)).isEqualTo(200);
		assertThat(this.jdbc.queryForList(
				"SELECT DISTINCT clinic_id FROM audit_event WHERE patient_id = ? AND action = 'FOLLOWUP_ALERTS_READ'",
				String.class, patientId))
			.containsExactly("lakeside");

		// each administrator sees and changes their own clinic's roster only
		assertThat(get("/api/followup/on-call", LAKESIDE_ADMIN).valueStream()
			.map((entry) -> entry.get("clinicId").asString())
			.distinct()
			.toList()).containsExactly("lakeside");
		assertThat(ids(get("/api/followup/on-call", LAKESIDE_ADMIN), "entryId")).contains(LAKESIDE_DEMO_PRIMARY_ENTRY)
			.doesNotContain(MAIN_DEMO_PRIMARY_ENTRY);
		assertThat(ids(get("/api/followup/on-call", ADMIN), "entryId")).contains(MAIN_DEMO_PRIMARY_ENTRY)
			.doesNotContain(LAKESIDE_DEMO_PRIMARY_ENTRY);
		assertThat(delete("/api/followup/on-call/" + MAIN_DEMO_PRIMARY_ENTRY, LAKESIDE_ADMIN)).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT removed_at IS NULL FROM on_call WHERE entry_id = ?::uuid",
				Boolean.class, MAIN_DEMO_PRIMARY_ENTRY))
			.isTrue();
		// main has other primaries, lakeside has one: its alerts would page nobody
		assertThat(delete("/api/followup/on-call/" + LAKESIDE_DEMO_PRIMARY_ENTRY, LAKESIDE_ADMIN)).isEqualTo(409);

		Map<String, Object> entry = Map.of("role", "CLINICIAN", "name", "Dr. Lake", "phone", phone());
		Result mine = post("/api/followup/on-call", LAKESIDE_ADMIN, entry);
		assertThat(mine.status()).isEqualTo(201);
		assertThat(mine.json().get("clinicId").asString()).isEqualTo("lakeside");
		Result notMine = post("/api/followup/on-call", LAKESIDE_ADMIN,
				Map.of("role", "CLINICIAN", "name", "Dr. Lake", "phone", phone(), "clinicId", "main"));
		assertThat(notMine.status()).isEqualTo(400);
		assertThat(notMine.json().toString()).contains("clinicId");
		Result which = post("/api/followup/on-call", BOTH_ADMIN, entry);
		assertThat(which.status()).as("an administrator of two clinics names one").isEqualTo(400);
		assertThat(which.json().toString()).contains("clinicId");
	}

	private int delete(String path, String token) {
		return this.client.delete()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, token)
			.exchange((request, response) -> response.getStatusCode().value());
	}

	private static List<Map<String, Object>> pagesTo(String phone, UUID alertId) {
		return SMS.messagesTo(phone)
			.stream()
			.filter((m) -> m.get("body").toString().contains(alertId.toString()))
			.toList();
	}

	private UUID urgentScreening(UUID patientId, String clinicId) {
		UUID assessmentId = UUID.randomUUID();
		send(org.ketaclinic.screening.events.Topics.SCREENING, patientId, "/ketaclinic/screening",
				org.ketaclinic.screening.events.EventTypes.URGENT_REVIEW_REQUESTED,
				new UrgentReviewRequested(new PatientId(patientId), new AssessmentId(assessmentId),
						List.of("SCR-URG-01"), Instant.now(), Instant.now().plus(Duration.ofHours(8)), clinicId));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM alert WHERE origin = ?", Integer.class,
					"SCREENING:" + assessmentId) == 1);
		return this.jdbc.queryForObject("SELECT alert_id FROM alert WHERE origin = ?", UUID.class,
				"SCREENING:" + assessmentId);
	}

	private UUID task(UUID patientId, String clinicId) {
		UUID taskId = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO staff_task (task_id, patient_id, kind, detail, origin, created_at, status, clinic_id)
				VALUES (?, ?, 'CALL_PATIENT', 'Call the patient', ?, now(), 'OPEN', ?)
				""", taskId, patientId, "TEST:" + taskId, clinicId);
		return taskId;
	}

	private String clinicOf(String table, String idColumn, UUID id) {
		List<String> found = this.jdbc.queryForList("SELECT clinic_id FROM " + table + " WHERE " + idColumn + " = ?",
				String.class, id);
		return found.isEmpty() ? null : found.get(0);
	}

	private Integer checkIns(UUID patientId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM check_in WHERE patient_id = ?", Integer.class, patientId);
	}

	private int status(String path, String token) {
		return this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, token)
			.exchange((request, response) -> response.getStatusCode().value());
	}

	private static List<String> ids(JsonNode list, String field) {
		return list.valueStream().map((node) -> node.get(field).asString()).toList();
	}

	private static String clinicIdOf(List<ConsumerRecord<String, byte[]>> records) {
		JsonNode event = EventJson.mapper()
			.readTree(new String(records.get(records.size() - 1).value(), StandardCharsets.UTF_8));
		return event.get("clinicId").asString();
	}

}
