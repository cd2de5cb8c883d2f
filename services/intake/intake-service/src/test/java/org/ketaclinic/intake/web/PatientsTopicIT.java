package org.ketaclinic.intake.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaclinic.intake.web.SubmissionsIT.data;
import static org.ketaclinic.intake.web.SubmissionsIT.eventsOn;
import static org.ketaclinic.intake.web.SubmissionsIT.header;
import static org.ketaclinic.intake.web.SubmissionsIT.ofType;

/**
 * Issue 18, "PHI kept minimal": the patients topic carries contact, consents and the
 * PHQ-9 total that the services after screening need, never the clinical section, which
 * stays on the intake topic for screening.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class PatientsTopicIT {

	private static final String PATH = "/api/intake/submissions";

	/** The only types the patients topic may carry. */
	private static final Set<String> PATIENTS_TYPES = Set.of(EventTypes.PATIENT_CONTACT_CHANGED,
			EventTypes.PHQ9_BASELINE_RECORDED);

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
	}

	@Test
	void aSubmissionGoesToScreeningWithItsClinicalSectionAndToThePatientsTopicWithItsPhq9TotalOnly() {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		clinical.remove("phq9Total");
		clinical.remove("phq9Item9");
		clinical.putArray("phq9Items").add(2).add(2).add(3).add(2).add(1).add(2).add(2).add(1).add(0);
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, Intakes.newSubmission(clinical));
		assertThat(created.status()).isEqualTo(201);
		String patientId = created.json().get("patientId").asString();
		String submissionId = created.json().get("submissionId").asString();

		List<ConsumerRecord<String, byte[]>> intake = eventsOn(Topics.INTAKE, List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_SUBMITTED).isEmpty());
		List<ConsumerRecord<String, byte[]>> submittedEvents = ofType(intake, EventTypes.INTAKE_SUBMITTED);
		assertThat(submittedEvents).hasSize(1);
		JsonNode submitted = data(submittedEvents.get(0));
		assertThat(submitted.get("clinical").get("phq9Total").asInt()).as("screening still gets the whole section")
			.isEqualTo(15);
		assertThat(submitted.get("clinical").get("systolicBp").asInt()).isEqualTo(124);
		assertThat(ofType(intake, EventTypes.PHQ9_BASELINE_RECORDED)).as("the baseline is for the patients topic")
			.isEmpty();

		List<ConsumerRecord<String, byte[]>> patients = patientsTopic(patientId,
				(read) -> !ofType(read, EventTypes.PHQ9_BASELINE_RECORDED).isEmpty()
						&& !ofType(read, EventTypes.PATIENT_CONTACT_CHANGED).isEmpty());
		List<ConsumerRecord<String, byte[]>> baselines = ofType(patients, EventTypes.PHQ9_BASELINE_RECORDED);
		assertThat(baselines).hasSize(1);
		JsonNode baseline = data(baselines.get(0));
		assertThat(baseline.get("patientId").asString()).isEqualTo(patientId);
		assertThat(baseline.get("submissionId").asString()).isEqualTo(submissionId);
		assertThat(baseline.get("version").asInt()).isEqualTo(1);
		assertThat(baseline.get("phq9Total").asInt()).as("the total the section computed from the nine items")
			.isEqualTo(15);
		assertThat(Instant.parse(baseline.get("recordedAt").asString()))
			.isEqualTo(Instant.parse(submitted.get("submittedAt").asString()));
		assertThat(baseline.get("clinicId").asString()).isNotBlank().isEqualTo(submitted.get("clinicId").asString());
		assertThat(header(baselines.get(0), CloudEventHeaders.SOURCE)).isEqualTo("/ketaclinic/intake");
		assertThat(ofType(patients, EventTypes.PATIENT_CONTACT_CHANGED)).as("registered").hasSize(1);
		assertThat(patients).as("nothing but contact and baseline")
			.allMatch((r) -> PATIENTS_TYPES.contains(header(r, CloudEventHeaders.TYPE)));
		assertEveryPatientsRecordIsMinimal();
	}

	@Test
	void anAmendmentThatChangesAPhq9AnswerPublishesANewBaselineForItsVersion() {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		clinical.remove("phq9Total");
		clinical.remove("phq9Item9");
		clinical.putArray("phq9Items").add(2).add(2).add(3).add(2).add(1).add(2).add(2).add(1).add(0);
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, Intakes.newSubmission(clinical));
		String patientId = created.json().get("patientId").asString();
		String submissionId = created.json().get("submissionId").asString();
		ObjectNode amended = clinical.deepCopy();
		amended.putArray("phq9Items").add(2).add(2).add(3).add(2).add(1).add(2).add(2).add(1).add(2);
		Map<String, Object> amendment = Map.of("clinical", amended, "reason", "Item 9 re-asked in person");

		Api.Response v2 = this.api.call("PUT", PATH + "/" + submissionId + "/clinical", Api.CLINICIAN, amendment);
		Api.Response retry = this.api.call("PUT", PATH + "/" + submissionId + "/clinical", Api.CLINICIAN, amendment);
		assertThat(v2.status()).isEqualTo(200);
		assertThat(v2.json().get("version").asInt()).isEqualTo(2);
		assertThat(retry.json().get("version").asInt()).isEqualTo(2);

		List<ConsumerRecord<String, byte[]>> intake = eventsOn(Topics.INTAKE, List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_AMENDED).isEmpty());
		List<ConsumerRecord<String, byte[]>> amendedEvents = ofType(intake, EventTypes.INTAKE_AMENDED);
		assertThat(amendedEvents).hasSize(1);
		JsonNode amendedEvent = data(amendedEvents.get(0));
		List<ConsumerRecord<String, byte[]>> patients = patientsTopic(patientId,
				(read) -> ofType(read, EventTypes.PHQ9_BASELINE_RECORDED).size() >= 2);
		List<ConsumerRecord<String, byte[]>> baselines = ofType(patients, EventTypes.PHQ9_BASELINE_RECORDED);
		assertThat(baselines).as("submitted, then amended once: the retry changed nothing").hasSize(2);
		JsonNode first = data(baselines.get(0));
		JsonNode second = data(baselines.get(1));
		assertThat(first.get("version").asInt()).isEqualTo(1);
		assertThat(first.get("phq9Total").asInt()).isEqualTo(15);
		assertThat(second.get("version").asInt()).isEqualTo(2);
		assertThat(second.get("phq9Total").asInt()).isEqualTo(17)
			.isEqualTo(amendedEvent.get("clinical").get("phq9Total").asInt());
		assertThat(second.get("submissionId").asString()).isEqualTo(submissionId);
		assertThat(Instant.parse(second.get("recordedAt").asString()))
			.isEqualTo(Instant.parse(amendedEvent.get("amendedAt").asString()));
		assertThat(second.get("clinicId").asString()).isEqualTo(amendedEvent.get("clinicId").asString());
		assertEveryPatientsRecordIsMinimal();
	}

	@Test
	void anIncompletePhq9GivesABaselineWithoutATotal() {
		ObjectNode clinical = Intakes.aTreatmentResistantAdult();
		clinical.remove("phq9Total");
		clinical.put("phq9Item9", 2);
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, Intakes.newSubmission(clinical));
		assertThat(created.status()).isEqualTo(201);
		String patientId = created.json().get("patientId").asString();

		List<ConsumerRecord<String, byte[]>> baselines = ofType(
				patientsTopic(patientId, (read) -> !ofType(read, EventTypes.PHQ9_BASELINE_RECORDED).isEmpty()),
				EventTypes.PHQ9_BASELINE_RECORDED);
		assertThat(baselines).hasSize(1);
		JsonNode baseline = data(baselines.get(0));
		assertThat(baseline.path("phq9Total").isNull() || baseline.path("phq9Total").isMissingNode())
			.as("no total when not every item was answered: %s", baseline)
			.isTrue();
		assertThat(baseline.get("version").asInt()).isEqualTo(1);
		assertEveryPatientsRecordIsMinimal();
	}

	@Test
	void aDraftHasNoBaselineUntilItIsSubmittedAndAWithdrawalAddsNothing() {
		ObjectNode body = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		body.put("draft", true);
		Api.Response draft = this.api.call("POST", PATH, Api.FRONT_DESK, body);
		String submissionId = draft.json().get("submissionId").asString();
		String patientId = draft.json().get("patientId").asString();
		List<ConsumerRecord<String, byte[]>> beforeSubmission = patientsTopic(patientId,
				(read) -> !ofType(read, EventTypes.PATIENT_CONTACT_CHANGED).isEmpty());
		assertThat(ofType(beforeSubmission, EventTypes.PHQ9_BASELINE_RECORDED)).isEmpty();

		this.api.call("POST", PATH + "/" + submissionId + "/submission", Api.FRONT_DESK, null);
		this.api.call("POST", PATH + "/" + submissionId + "/withdrawal", Api.FRONT_DESK,
				Map.of("reason", "Patient moved away"));

		eventsOn(Topics.INTAKE, List.of(patientId), (read) -> !ofType(read, EventTypes.INTAKE_WITHDRAWN).isEmpty());
		List<ConsumerRecord<String, byte[]>> patients = patientsTopic(patientId,
				(read) -> !ofType(read, EventTypes.PHQ9_BASELINE_RECORDED).isEmpty());
		List<ConsumerRecord<String, byte[]>> baselines = ofType(patients, EventTypes.PHQ9_BASELINE_RECORDED);
		assertThat(baselines).hasSize(1);
		assertThat(data(baselines.get(0)).get("phq9Total").asInt()).isEqualTo(18);
		assertThat(patients).hasSize(2);
		assertEveryPatientsRecordIsMinimal();
	}

	@Test
	void aContactChangeGoesToBothTopicsAsTwoEventsWithTheSameData() {
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK,
				Intakes.newSubmission(Intakes.aTreatmentResistantAdult()));
		String patientId = created.json().get("patientId").asString();
		Map<String, Object> contact = Map.of("phone", "+447700900123", "email", "ada.new@example.org",
				"preferredChannel", "EMAIL", "timeZone", "Europe/London");
		assertThat(this.api.call("PUT", "/api/intake/patients/" + patientId + "/contact", Api.FRONT_DESK, contact)
			.status()).isEqualTo(200);

		List<ConsumerRecord<String, byte[]>> onIntake = ofType(
				eventsOn(Topics.INTAKE, List.of(patientId),
						(read) -> ofType(read, EventTypes.PATIENT_CONTACT_CHANGED).size() >= 2),
				EventTypes.PATIENT_CONTACT_CHANGED);
		List<ConsumerRecord<String, byte[]>> onPatients = ofType(
				patientsTopic(patientId, (read) -> ofType(read, EventTypes.PATIENT_CONTACT_CHANGED).size() >= 2),
				EventTypes.PATIENT_CONTACT_CHANGED);
		assertThat(onIntake).as("screening still reads consent to treatment here").hasSize(2);
		assertThat(onPatients).as("registered, then contact changed").hasSize(2);
		for (int i = 0; i < 2; i++) {
			assertThat(data(onPatients.get(i))).isEqualTo(data(onIntake.get(i)));
			assertThat(header(onPatients.get(i), CloudEventHeaders.ID)).as("each record is an event of its own")
				.isNotBlank()
				.isNotEqualTo(header(onIntake.get(i), CloudEventHeaders.ID));
		}
		JsonNode latest = data(onPatients.get(1));
		assertThat(latest.get("preferredChannel").asString()).isEqualTo("EMAIL");
		assertThat(latest.get("timeZone").asString()).isEqualTo("Europe/London");
		assertEveryPatientsRecordIsMinimal();
	}

	@Test
	void interopAloneHearsWhoThePatientIsOnceAndTheQuestionnairesOfTheirSubmissionAndNothingElse() {
		ObjectNode body = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, body);
		assertThat(created.status()).isEqualTo(201);
		String patientId = created.json().get("patientId").asString();
		Map<String, Object> contact = Map.of("phone", "+447700900124", "preferredChannel", "SMS", "timeZone",
				"Europe/London");
		assertThat(this.api.call("PUT", "/api/intake/patients/" + patientId + "/contact", Api.FRONT_DESK, contact)
			.status()).isEqualTo(200);
		// the contact change has reached the patients topic: anything intake was going to
		// publish for this patient has been published
		patientsTopic(patientId, (read) -> ofType(read, EventTypes.PATIENT_CONTACT_CHANGED).size() >= 2);

		List<ConsumerRecord<String, byte[]>> interop = eventsOn(Topics.INTEROP, List.of(patientId),
				(read) -> !ofType(read, EventTypes.INTAKE_QUESTIONNAIRES_ANSWERED).isEmpty());
		List<ConsumerRecord<String, byte[]>> who = ofType(interop, EventTypes.PATIENT_DEMOGRAPHICS_CHANGED);
		assertThat(who).as("registered once; the contact change is not a change of who they are").hasSize(1);
		ConsumerRecord<String, byte[]> record = who.get(0);
		assertThat(record.key()).isEqualTo(patientId);
		JsonNode demographics = data(record);
		assertThat(demographics.get("familyName").asString())
			.isEqualTo(body.get("patient").get("familyName").asString());
		assertThat(demographics.get("givenName").asString()).isEqualTo(body.get("patient").get("givenName").asString());
		assertThat(demographics.get("dateOfBirth").asString())
			.isEqualTo(body.get("patient").get("dateOfBirth").asString());
		assertThat(demographics.get("clinicId").asString()).isNotBlank();

		List<ConsumerRecord<String, byte[]>> answered = ofType(interop, EventTypes.INTAKE_QUESTIONNAIRES_ANSWERED);
		assertThat(answered).as("the submission's questionnaires, once").hasSize(1);
		JsonNode answers = data(answered.get(0));
		assertThat(answers.get("submissionId").asString()).isEqualTo(created.json().get("submissionId").asString());
		assertThat(answers.get("phq9Total").asInt()).isEqualTo(body.get("clinical").get("phq9Total").asInt());
		assertThat(answers.get("cssrs").get("q1WishDead").asBoolean())
			.isEqualTo(body.get("clinical").get("cssrs").get("q1WishDead").asBoolean());
		assertThat(interop).as("who they are and the two questionnaires: nothing else").hasSize(2);
		for (ConsumerRecord<String, byte[]> each : interop) {
			String type = header(each, CloudEventHeaders.TYPE);
			JsonNode json = data(each);
			assertThat(new HashSet<>(json.propertyNames())).as("fields of %s", type).isSubsetOf(schemaProperties(type));
			assertThat(new EventSchemas().violations(type, json)).as("violations of %s", type).isEmpty();
			assertThat(new String(each.value(), StandardCharsets.UTF_8)).doesNotContain("+4477009001")
				.doesNotContain("\"clinical\"")
				.doesNotContain("systolicBp")
				.doesNotContain("medicationClasses");
		}
		assertEveryPatientsRecordIsMinimal();
	}

	private static List<ConsumerRecord<String, byte[]>> patientsTopic(String patientId,
			Predicate<List<ConsumerRecord<String, byte[]>>> done) {
		return eventsOn(Topics.PATIENTS, List.of(patientId), done);
	}

	/**
	 * Every record on the patients topic, of any test, read as raw JSON: a type the topic
	 * may carry, no field beyond its schema's, nothing of the clinical section.
	 */
	private static void assertEveryPatientsRecordIsMinimal() {
		List<ConsumerRecord<String, byte[]>> records = TopicProbe.readAll(Topics.PATIENTS, Duration.ofSeconds(10));
		assertThat(records).isNotEmpty();
		EventSchemas schemas = new EventSchemas();
		for (ConsumerRecord<String, byte[]> record : records) {
			String type = header(record, CloudEventHeaders.TYPE);
			String raw = new String(record.value(), StandardCharsets.UTF_8);
			assertThat(PATIENTS_TYPES).as("type of %s", raw).contains(type);
			JsonNode json = EventJson.mapper().readTree(raw);
			assertThat(json.isObject()).isTrue();
			assertThat(json.has("clinical")).as("clinical section in %s", type).isFalse();
			assertThat(raw).doesNotContain("\"clinical\"")
				.doesNotContain("phq9Items")
				.doesNotContain("phq9Item9")
				.doesNotContain("cssrs")
				.doesNotContain("givenName")
				.doesNotContain("familyName")
				.doesNotContain("dateOfBirth");
			assertThat(new HashSet<>(json.propertyNames())).as("fields of %s", type).isSubsetOf(schemaProperties(type));
			assertThat(schemas.violations(type, json)).as("violations of %s", type).isEmpty();
			assertThat(record.key()).isEqualTo(json.get("patientId").asString());
		}
	}

	private static Set<String> schemaProperties(String type) {
		try (InputStream in = PatientsTopicIT.class.getClassLoader()
			.getResourceAsStream(EventSchemas.schemaResource(type))) {
			assertThat(in).as("schema of %s", type).isNotNull();
			return new HashSet<>(EventJson.mapper().readTree(in).get("properties").propertyNames());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
