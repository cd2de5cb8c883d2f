package org.ketaclinic.intake.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.Intakes;
import org.ketaclinic.intake.events.EventTypes;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class SubmissionsIT {

	private static final String PATH = "/api/intake/submissions";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	Api api;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
	}

	@Test
	void eachVignetteIsAcceptedAndPublishedOnceWithItsClinicalSectionAsEntered() {
		List<String> patients = new ArrayList<>();
		for (JsonNode vignette : Intakes.vignettes()) {
			Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK,
					Intakes.newSubmission(vignette.get("input").deepCopy()));
			assertThat(created.status()).as(vignette.get("id").asString()).isEqualTo(201);
			assertThat(created.headers().getLocation())
				.hasToString(PATH + "/" + created.json().get("submissionId").asString());
			assertThat(created.json().get("version").asInt()).isEqualTo(1);
			assertThat(created.json().get("status").asString()).isEqualTo("SUBMITTED");
			patients.add(created.json().get("patientId").asString());
		}

		List<ConsumerRecord<String, byte[]>> events = eventsOf(patients,
				(read) -> ofType(read, EventTypes.INTAKE_SUBMITTED).size() >= patients.size());
		List<JsonNode> vignettes = Intakes.vignettes();
		for (int i = 0; i < patients.size(); i++) {
			String patientId = patients.get(i);
			List<ConsumerRecord<String, byte[]>> submitted = ofType(events, EventTypes.INTAKE_SUBMITTED).stream()
				.filter((r) -> patientId.equals(r.key()))
				.toList();
			assertThat(submitted).as("one IntakeSubmitted for %s", patientId).hasSize(1);
			JsonNode clinical = data(submitted.get(0)).get("clinical");
			JsonNode input = vignettes.get(i).get("input");
			for (Iterator<Map.Entry<String, JsonNode>> fields = input.properties().iterator(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				assertThat(clinical.get(field.getKey())).as("%s of %s", field.getKey(), vignettes.get(i).get("id"))
					.isEqualTo(field.getValue());
			}
			clinical.properties()
				.stream()
				.filter((field) -> !input.has(field.getKey()))
				.forEach((extra) -> assertThat(extra.getValue().isNull()).as(extra.getKey()).isTrue());
		}
		assertEveryEventMatchesItsSchema(events);
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyCreatesNothingNew() {
		ObjectNode body = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		String key = "intake-" + UUID.randomUUID();
		Api.Response first = this.api.call("POST", PATH, Api.FRONT_DESK, body, key);
		Api.Response retry = this.api.call("POST", PATH, Api.FRONT_DESK, body, key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.json().get("submissionId")).isEqualTo(first.json().get("submissionId"));
		assertThat(retry.json().get("patientId")).isEqualTo(first.json().get("patientId"));
		String patientId = first.json().get("patientId").asString();
		String familyName = body.get("patient").get("familyName").asString();
		assertThat(retry.json().toString()).as("the replay comes from a record that keeps no patient data")
			.doesNotContain(familyName);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM patient WHERE family_name = ?", Integer.class,
				familyName))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM submission WHERE patient_id = ?::uuid", Integer.class,
				patientId))
			.isEqualTo(1);
		List<ConsumerRecord<String, byte[]>> events = eventsOf(List.of(patientId),
				(read) -> ofType(read, EventTypes.INTAKE_SUBMITTED).size() >= 1);
		assertThat(ofType(events, EventTypes.INTAKE_SUBMITTED)).hasSize(1);
	}

	@Test
	void aDraftIsKeptAndOnlyScreenedOnceSubmitted() {
		ObjectNode body = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		body.put("draft", true);
		Api.Response draft = this.api.call("POST", PATH, Api.FRONT_DESK, body);
		assertThat(draft.status()).isEqualTo(201);
		assertThat(draft.json().get("status").asString()).isEqualTo("DRAFT");
		String submissionId = draft.json().get("submissionId").asString();
		String patientId = draft.json().get("patientId").asString();

		Api.Response submitted = this.api.call("POST", PATH + "/" + submissionId + "/submission", Api.FRONT_DESK, null);
		Api.Response again = this.api.call("POST", PATH + "/" + submissionId + "/submission", Api.FRONT_DESK, null);
		assertThat(submitted.json().get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(again.status()).isEqualTo(200);

		List<ConsumerRecord<String, byte[]>> events = eventsOf(List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_SUBMITTED).isEmpty());
		assertThat(ofType(events, EventTypes.INTAKE_SUBMITTED)).hasSize(1);
		assertThat(ofType(events, EventTypes.PATIENT_CONTACT_CHANGED)).hasSize(1);
	}

	@Test
	void anIncompleteIntakeStillGoesToScreening() {
		ObjectNode partial = EventJson.mapper().createObjectNode();
		partial.put("ageYears", 40);
		partial.put("phq9Item9", 1);
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, Intakes.newSubmission(partial));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("status").asString()).isEqualTo("SUBMITTED");
		String patientId = created.json().get("patientId").asString();
		List<ConsumerRecord<String, byte[]>> events = eventsOf(List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_SUBMITTED).isEmpty());
		JsonNode clinical = data(ofType(events, EventTypes.INTAKE_SUBMITTED).get(0)).get("clinical");
		assertThat(clinical.get("phq9Item9").asInt()).isEqualTo(1);
		assertThat(clinical.get("cssrs").isNull()).isTrue();
	}

	@Test
	void ninePhq9AnswersGiveTheTotalAndItem9() {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		clinical.remove("phq9Total");
		clinical.remove("phq9Item9");
		clinical.putArray("phq9Items").add(2).add(2).add(3).add(2).add(1).add(2).add(2).add(1).add(0);
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, Intakes.newSubmission(clinical));
		assertThat(created.status()).isEqualTo(201);
		JsonNode stored = this.api
			.call("GET", PATH + "/" + created.json().get("submissionId").asString(), Api.CLINICIAN, null)
			.json()
			.get("clinical");
		assertThat(stored.get("phq9Total").asInt()).isEqualTo(15);
		assertThat(stored.get("phq9Item9").asInt()).isEqualTo(0);
	}

	@Test
	void cssrsAnswersThatBreakTheSkipLogicAreStoredAndPublishedAsGiven() {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		ObjectNode cssrs = ((ObjectNode) clinical.get("cssrs")).put("q1WishDead", false)
			.put("q2ActiveThoughts", false)
			.put("q4Intent", true)
			.put("q6BehaviorLifetime", false)
			.put("q6BehaviorPast3Months", true);
		cssrs.putNull("q3Method");
		cssrs.putNull("q5PlanWithIntent");
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, Intakes.newSubmission(clinical));

		assertThat(created.status()).isEqualTo(201);
		JsonNode stored = this.api
			.call("GET", PATH + "/" + created.json().get("submissionId").asString(), Api.CLINICIAN, null)
			.json()
			.get("clinical")
			.get("cssrs");
		assertThat(stored).isEqualTo(cssrs);
		String patientId = created.json().get("patientId").asString();
		List<ConsumerRecord<String, byte[]>> events = eventsOf(List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_SUBMITTED).isEmpty());
		JsonNode published = data(ofType(events, EventTypes.INTAKE_SUBMITTED).get(0)).get("clinical").get("cssrs");
		assertThat(published).isEqualTo(cssrs);
		assertEveryEventMatchesItsSchema(events);
	}

	@Test
	void item9AnsweredWithoutTheOtherPhq9AnswersIsAcceptedAndPublished() {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		clinical.remove("phq9Total");
		clinical.put("phq9Item9", 2);
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, Intakes.newSubmission(clinical));

		assertThat(created.status()).isEqualTo(201);
		String patientId = created.json().get("patientId").asString();
		List<ConsumerRecord<String, byte[]>> events = eventsOf(List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_SUBMITTED).isEmpty());
		JsonNode published = data(ofType(events, EventTypes.INTAKE_SUBMITTED).get(0)).get("clinical");
		assertThat(published.get("phq9Item9").asInt()).isEqualTo(2);
		assertThat(published.get("phq9Total").isNull()).as("the total is missing, for screening to report").isTrue();
		assertThat(published.get("phq9Items").isNull()).isTrue();
	}

	@Test
	void aClinicianAmendsTheClinicalSectionAndEveryVersionIsKept() {
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK,
				Intakes.newSubmission(Intakes.aTreatmentResistantAdult()));
		String submissionId = created.json().get("submissionId").asString();
		String patientId = created.json().get("patientId").asString();
		ObjectNode amended = Intakes.aTreatmentResistantAdult();
		amended.put("systolicBp", 150);
		Map<String, Object> amendment = Map.of("clinical", amended, "reason", "Repeat reading after rest");

		assertThat(this.api.call("PUT", PATH + "/" + submissionId + "/clinical", Api.FRONT_DESK, amendment).status())
			.as("front desk may not amend")
			.isEqualTo(403);
		Api.Response v2 = this.api.call("PUT", PATH + "/" + submissionId + "/clinical", Api.CLINICIAN, amendment);
		Api.Response retry = this.api.call("PUT", PATH + "/" + submissionId + "/clinical", Api.CLINICIAN, amendment);
		assertThat(v2.status()).isEqualTo(200);
		assertThat(v2.json().get("version").asInt()).isEqualTo(2);
		assertThat(retry.json().get("version").asInt()).as("the same section again changes nothing").isEqualTo(2);

		JsonNode versions = this.api.call("GET", PATH + "/" + submissionId + "/versions", Api.CLINICIAN, null).json();
		assertThat(versions).hasSize(2);
		assertThat(versions.get(0).get("recordedBy").asString()).isEqualTo("frontdesk-ann");
		assertThat(versions.get(1).get("recordedBy").asString()).isEqualTo("dr-kim");
		assertThat(versions.get(1).get("reason").asString()).isEqualTo("Repeat reading after rest");
		assertThat(versions.get(0).get("clinical").get("systolicBp").asInt()).isEqualTo(124);
		assertThat(versions.get(1).get("clinical").get("systolicBp").asInt()).isEqualTo(150);

		List<ConsumerRecord<String, byte[]>> events = eventsOf(List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_AMENDED).isEmpty());
		List<ConsumerRecord<String, byte[]>> amendedEvents = ofType(events, EventTypes.INTAKE_AMENDED);
		assertThat(amendedEvents).hasSize(1);
		assertThat(data(amendedEvents.get(0)).get("version").asInt()).isEqualTo(2);
		assertThat(data(amendedEvents.get(0)).get("clinical").get("systolicBp").asInt()).isEqualTo(150);
		assertEveryEventMatchesItsSchema(events);
	}

	@Test
	void aWithdrawnSubmissionIsPublishedAndCanNoLongerBeAmended() {
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK,
				Intakes.newSubmission(Intakes.aTreatmentResistantAdult()));
		String submissionId = created.json().get("submissionId").asString();
		String patientId = created.json().get("patientId").asString();
		Map<String, String> withdrawal = Map.of("reason", "Patient moved away");

		Api.Response withdrawn = this.api.call("POST", PATH + "/" + submissionId + "/withdrawal", Api.FRONT_DESK,
				withdrawal);
		Api.Response again = this.api.call("POST", PATH + "/" + submissionId + "/withdrawal", Api.FRONT_DESK,
				withdrawal);
		assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
		assertThat(again.status()).isEqualTo(200);
		Api.Response amend = this.api.call("PUT", PATH + "/" + submissionId + "/clinical", Api.CLINICIAN,
				Map.of("clinical", Intakes.aTreatmentResistantAdult(), "reason", "late correction"));
		assertThat(amend.status()).isEqualTo(409);
		assertThat(amend.contentType()).isEqualTo("application/problem+json");

		List<ConsumerRecord<String, byte[]>> events = eventsOf(List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_WITHDRAWN).isEmpty());
		assertThat(ofType(events, EventTypes.INTAKE_WITHDRAWN)).hasSize(1);
		assertThat(new String(ofType(events, EventTypes.INTAKE_WITHDRAWN).get(0).value())).doesNotContain("moved away");
		assertEveryEventMatchesItsSchema(events);
	}

	@Test
	void staffFindSubmissionsByNameDateOfBirthStatusAndDateNewestFirst() {
		ObjectNode older = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		ObjectNode newer = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		String family = "Okafor" + UUID.randomUUID().toString().substring(0, 6);
		((ObjectNode) older.get("patient")).put("familyName", family);
		((ObjectNode) newer.get("patient")).put("familyName", family);
		String olderId = this.api.call("POST", PATH, Api.FRONT_DESK, older).json().get("submissionId").asString();
		String newerId = this.api.call("POST", PATH, Api.FRONT_DESK, newer).json().get("submissionId").asString();

		JsonNode byName = search(Api.FRONT_DESK, "{\"name\": \"" + family.toLowerCase() + "\"}");
		assertThat(byName.get("totalItems").asInt()).isEqualTo(2);
		assertThat(byName.get("items").get(0).get("submissionId").asString()).isEqualTo(newerId);
		assertThat(byName.get("items").get(1).get("submissionId").asString()).isEqualTo(olderId);

		String given = older.get("patient").get("givenName").asString();
		String dob = older.get("patient").get("dateOfBirth").asString();
		JsonNode byFullName = search(Api.CLINICIAN, "{\"name\": \"" + given + " " + family + "\", \"dateOfBirth\": \""
				+ dob + "\", \"status\": \"SUBMITTED\"}");
		assertThat(byFullName.get("totalItems").asInt()).isEqualTo(1);
		assertThat(byFullName.get("items").get(0).get("submissionId").asString()).isEqualTo(olderId);

		JsonNode drafts = search(Api.FRONT_DESK, "{\"name\": \"" + family + "\", \"status\": \"DRAFT\"}");
		assertThat(drafts.get("totalItems").asInt()).isZero();
		JsonNode paged = search(Api.FRONT_DESK, "{\"name\": \"" + family + "\", \"size\": 1, \"page\": 1}");
		assertThat(paged.get("items")).hasSize(1);
		assertThat(paged.get("items").get(0).get("submissionId").asString()).isEqualTo(olderId);
		JsonNode future = search(Api.FRONT_DESK,
				"{\"name\": \"" + family + "\", \"submittedFrom\": \"2999-01-01T00:00:00Z\"}");
		assertThat(future.get("totalItems").asInt()).isZero();
	}

	@Test
	void aNameOrDateOfBirthInTheUrlIsRefusedNamingTheFieldSoItNeverReachesALog() {
		Api.Response refused = this.api.call("GET", PATH + "?name=Okafor&dateOfBirth=1980-02-03&status=SUBMITTED",
				Api.FRONT_DESK, null);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("name", "dateOfBirth");
		assertThat(refused.json().toString()).contains("POST /api/intake/submissions/search")
			.doesNotContain("Okafor")
			.doesNotContain("1980-02-03");
		assertThat(this.api.call("GET", PATH + "?status=SUBMITTED", Api.FRONT_DESK, null).status())
			.as("status and time still filter by URL")
			.isEqualTo(200);
		assertThat(this.api.call("POST", PATH + "/search", Api.ADMIN, EventJson.mapper().readTree("{}")).status())
			.isEqualTo(403);
	}

	private JsonNode search(String role, String body) {
		Api.Response response = this.api.call("POST", PATH + "/search", role, EventJson.mapper().readTree(body));
		assertThat(response.status()).as(response.json().toString()).isEqualTo(200);
		return response.json();
	}

	@Test
	void eachRoleGetsOnlyWhatItNeeds() {
		ObjectNode body = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		assertThat(this.api.call("POST", PATH, null, body).status()).isEqualTo(401);
		assertThat(this.api.call("POST", PATH, Api.ADMIN, body).status()).isEqualTo(403);
		assertThat(this.api.call("GET", PATH, Api.ADMIN, null).status()).isEqualTo(403);
		Api.Response byClinician = this.api.call("POST", PATH, Api.CLINICIAN, body);
		assertThat(byClinician.status()).isEqualTo(201);
		String path = PATH + "/" + byClinician.json().get("submissionId").asString();
		Api.Response byFrontDesk = this.api.call("GET", path, Api.FRONT_DESK, null);
		assertThat(byFrontDesk.status()).isEqualTo(200);
		assertThat(byFrontDesk.json().get("patient").get("familyName").asString()).isNotBlank();
		assertThat(byFrontDesk.json().get("clinical").isNull()).as("the clinical section is for clinicians").isTrue();
		assertThat(this.api.call("GET", path, Api.CLINICIAN, null).json().get("clinical").get("phq9Total").isNumber())
			.isTrue();
		assertThat(this.api.call("GET", path + "/versions", Api.FRONT_DESK, null).status())
			.as("earlier versions of the clinical section neither")
			.isEqualTo(403);
		assertThat(this.api.call("GET", path, Api.ADMIN, null).status()).isEqualTo(403);
		assertThat(this.api
			.call("GET", "/admin/audit?patientId=" + byClinician.json().get("patientId").asString(), Api.FRONT_DESK,
					null)
			.status()).isEqualTo(403);
		assertThat(this.api.call("GET", PATH + "/" + UUID.randomUUID(), Api.FRONT_DESK, null).status()).isEqualTo(404);
	}

	@Test
	void everyReadAndChangeOfPatientDataIsAudited() {
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK,
				Intakes.newSubmission(Intakes.aTreatmentResistantAdult()));
		String patientId = created.json().get("patientId").asString();
		this.api.call("GET", PATH + "/" + created.json().get("submissionId").asString(), Api.CLINICIAN, null);

		JsonNode audit = this.api.call("GET", "/admin/audit?patientId=" + patientId, Api.ADMIN, null).json();
		List<String> entries = new ArrayList<>();
		audit.forEach((entry) -> entries.add(entry.get("actor").asString() + " " + entry.get("roles").asString() + " "
				+ entry.get("action").asString()));
		assertThat(entries).contains("frontdesk-ann FRONT_DESK PATIENT_REGISTERED",
				"frontdesk-ann FRONT_DESK SUBMISSION_SUBMITTED", "dr-kim CLINICIAN SUBMISSION_READ",
				"dr-kim CLINICIAN PATIENT_READ");
		assertThat(audit.get(0).get("correlationId").isNull()).isFalse();
		JsonNode byUser = this.api.call("GET", "/admin/audit?actor=dr-kim", Api.ADMIN, null).json();
		assertThat(byUser.size()).isPositive();
	}

	private void assertEveryEventMatchesItsSchema(List<ConsumerRecord<String, byte[]>> events) {
		EventSchemas schemas = new EventSchemas();
		for (ConsumerRecord<String, byte[]> event : events) {
			String type = header(event, CloudEventHeaders.TYPE);
			assertThat(schemas.hasSchema(type)).as("schema of %s", type).isTrue();
			assertThat(schemas.violations(type, data(event))).as("violations of %s", type).isEmpty();
			assertThat(header(event, CloudEventHeaders.SOURCE)).isEqualTo("/ketaclinic/intake");
		}
	}

	static List<ConsumerRecord<String, byte[]>> eventsOf(List<String> patients,
			Predicate<List<ConsumerRecord<String, byte[]>>> done) {
		return eventsOn(Topics.INTAKE, patients, done);
	}

	/**
	 * The events about these patients on a topic, once {@code done} holds for them (and a
	 * moment later, so that anything published twice shows).
	 */
	static List<ConsumerRecord<String, byte[]>> eventsOn(String topic, List<String> patients,
			Predicate<List<ConsumerRecord<String, byte[]>>> done) {
		TopicProbe.readUntil(topic,
				(read) -> done.test(read.stream().filter((r) -> patients.contains(r.key())).toList()),
				Duration.ofSeconds(30));
		// anything published late would show up here too
		await().pollDelay(Duration.ofMillis(500)).until(() -> true);
		return TopicProbe.readAll(topic, Duration.ofSeconds(10))
			.stream()
			.filter((r) -> patients.contains(r.key()))
			.toList();
	}

	static List<ConsumerRecord<String, byte[]>> ofType(List<ConsumerRecord<String, byte[]>> records, String type) {
		return records.stream().filter((r) -> type.equals(header(r, CloudEventHeaders.TYPE))).toList();
	}

	static JsonNode data(ConsumerRecord<String, byte[]> record) {
		return EventJson.mapper().readTree(new String(record.value(), StandardCharsets.UTF_8));
	}

	static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
