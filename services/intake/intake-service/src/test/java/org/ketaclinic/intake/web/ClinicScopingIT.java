package org.ketaclinic.intake.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.Intakes;
import org.ketaclinic.intake.events.EventTypes;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clinic scoping (ADR 12): a patient belongs to the clinic that took the referral, and
 * staff of other clinics can neither read nor change nor find them; an id of another
 * clinic answers exactly like an unknown one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class ClinicScopingIT {

	private static final String PATH = "/api/intake/submissions";

	private static final String MAIN = TestTokens.CLINIC;

	private static final String LAKESIDE = TestTokens.OTHER_CLINIC;

	private static final String LAKESIDE_DESK = TestTokens.bearerForClinics(List.of(LAKESIDE), "frontdesk-lee",
			"FRONT_DESK");

	private static final String LAKESIDE_CLINICIAN = TestTokens.bearerForClinics(List.of(LAKESIDE), "dr-lake",
			"CLINICIAN", "FRONT_DESK");

	private static final String BOTH_CLINICIAN = TestTokens.bearerForClinics(List.of(MAIN, LAKESIDE), "dr-both",
			"CLINICIAN", "FRONT_DESK");

	private static final String NO_CLINIC = TestTokens.bearerForClinics(List.of(), "dr-nowhere", "CLINICIAN",
			"FRONT_DESK");

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
	}

	@Test
	void aPatientOfMainIsUnknownToLakesideOnEveryReadAndCommandAndNothingChanges() {
		ObjectNode request = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		Api.Response created = this.api.call("POST", PATH, Api.FRONT_DESK, request);
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("clinicId").asString()).as("the desk's only clinic").isEqualTo(MAIN);
		String submissionId = created.json().get("submissionId").asString();
		String patientId = created.json().get("patientId").asString();
		String submission = PATH + "/" + submissionId;
		String patient = "/api/intake/patients/" + patientId;

		ObjectNode amended = Intakes.aTreatmentResistantAdult();
		amended.put("systolicBp", 150);
		Map<String, Object> amendment = Map.of("clinical", amended, "reason", "Repeat reading");
		Map<String, Object> contact = Map.of("phone", "+447700900123", "email", "moved@example.org", "preferredChannel",
				"EMAIL", "timeZone", "Europe/London");
		Map<String, Object> consents = Map.of("treatment", false, "sms", false, "email", false, "textVersion",
				"2026-09");
		for (String outsider : List.of(LAKESIDE_CLINICIAN, NO_CLINIC)) {
			assertThat(this.api.call("GET", patient, outsider, null).status()).isEqualTo(404);
			assertThat(this.api.call("GET", submission, outsider, null).status()).isEqualTo(404);
			assertThat(this.api.call("GET", submission + "/versions", outsider, null).status()).isEqualTo(404);
			assertThat(this.api.call("PUT", submission + "/clinical", outsider, amendment).status()).isEqualTo(404);
			assertThat(this.api.call("POST", submission + "/submission", outsider, null).status()).isEqualTo(404);
			assertThat(
					this.api.call("POST", submission + "/withdrawal", outsider, Map.of("reason", "Not ours")).status())
				.isEqualTo(404);
			assertThat(this.api.call("PUT", patient + "/contact", outsider, contact).status()).isEqualTo(404);
			assertThat(this.api.call("PUT", patient + "/consents", outsider, consents).status()).isEqualTo(404);
			ObjectNode forKnown = EventJson.mapper().createObjectNode();
			forKnown.put("patientId", patientId);
			forKnown.set("clinical", Intakes.aTreatmentResistantAdult());
			Api.Response known = this.api.call("POST", PATH, outsider, forKnown);
			assertThat(known.status()).as("a patient of another clinic is not a known patient").isEqualTo(400);
			assertThat(known.json().findValuesAsString("field")).contains("patientId");
		}
		// an unknown id answers the same
		assertThat(this.api.call("GET", PATH + "/" + UUID.randomUUID(), LAKESIDE_CLINICIAN, null).status())
			.isEqualTo(404);

		JsonNode asMain = this.api.call("GET", submission, Api.CLINICIAN, null).json();
		assertThat(asMain.get("status").asString()).isEqualTo("SUBMITTED");
		assertThat(asMain.get("version").asInt()).isEqualTo(1);
		assertThat(asMain.get("clinical").get("systolicBp").asInt()).isEqualTo(124);
		assertThat(asMain.get("clinicId").asString()).isEqualTo(MAIN);
		assertThat(asMain.get("contact").get("preferredChannel").asString()).isEqualTo("SMS");
		assertThat(asMain.get("consents").get("treatment").get("granted").asBoolean()).isTrue();
		assertThat(this.api.call("GET", submission + "/versions", Api.CLINICIAN, null).json()).hasSize(1);
		Api.Response bothReadsPatient = this.api.call("GET", patient, BOTH_CLINICIAN, null);
		assertThat(bothReadsPatient.status()).isEqualTo(200);
		assertThat(bothReadsPatient.json().get("clinicId").asString()).isEqualTo(MAIN);
		assertThat(this.api.call("GET", submission, BOTH_CLINICIAN, null).status()).isEqualTo(200);

		Map<String, Object> byName = Map.of("name", request.get("patient").get("familyName").asString());
		assertThat(search(byName, LAKESIDE_CLINICIAN)).isEmpty();
		assertThat(search(byName, NO_CLINIC)).isEmpty();
		assertThat(search(byName, Api.FRONT_DESK)).containsExactly(submissionId);
		assertThat(search(byName, BOTH_CLINICIAN)).containsExactly(submissionId);
		assertThat(listed(LAKESIDE_CLINICIAN)).doesNotContain(submissionId);
		assertThat(listed(NO_CLINIC)).isEmpty();
		assertThat(listed(BOTH_CLINICIAN)).contains(submissionId);

		List<ConsumerRecord<String, byte[]>> events = SubmissionsIT.eventsOf(List.of(patientId),
				(read) -> read.size() >= 2);
		assertThat(events).extracting((event) -> SubmissionsIT.header(event, CloudEventHeaders.TYPE))
			.as("nothing the outsiders tried was published")
			.containsExactlyInAnyOrder(EventTypes.PATIENT_CONTACT_CHANGED, EventTypes.INTAKE_SUBMITTED);
		events.forEach((event) -> assertThat(SubmissionsIT.data(event).get("clinicId").asString()).isEqualTo(MAIN));

		JsonNode audit = this.api.call("GET", "/admin/audit?patientId=" + patientId, Api.ADMIN, null).json();
		List<String> actions = new ArrayList<>();
		audit.forEach((entry) -> {
			actions.add(entry.get("action").asString());
			assertThat(entry.get("clinicId").asString()).as("every entry names the patient's clinic").isEqualTo(MAIN);
		});
		assertThat(actions).contains("PATIENT_REGISTERED", "SUBMISSION_SUBMITTED", "SUBMISSION_READ", "PATIENT_READ",
				"SUBMISSION_LISTED");
		String lakesideAdmin = TestTokens.bearerForClinics(List.of(LAKESIDE), "admin-lake", "ADMIN");
		assertThat(this.api.call("GET", "/admin/audit?patientId=" + patientId, lakesideAdmin, null).json())
			.as("lakeside's administrators do not read main's entries")
			.isEmpty();
	}

	@Test
	void aNewPatientBelongsToTheClinicTheRequestNamesOrTheCallersOnlyClinic() {
		Api.Response lakeside = this.api.call("POST", PATH, LAKESIDE_DESK,
				Intakes.newSubmission(Intakes.aTreatmentResistantAdult()));
		assertThat(lakeside.status()).isEqualTo(201);
		assertThat(lakeside.json().get("clinicId").asString()).isEqualTo(LAKESIDE);
		String lakesideSubmission = PATH + "/" + lakeside.json().get("submissionId").asString();
		assertThat(this.api.call("GET", lakesideSubmission, Api.CLINICIAN, null).status()).as("main does not see it")
			.isEqualTo(404);
		assertThat(this.api.call("GET", lakesideSubmission, LAKESIDE_DESK, null).json().get("clinicId").asString())
			.isEqualTo(LAKESIDE);

		assertThat(fieldsOfRefused(Intakes.newSubmission(Intakes.aTreatmentResistantAdult()), BOTH_CLINICIAN))
			.as("a user of two clinics names one")
			.containsExactly("clinicId");
		assertThat(fieldsOfRefused(Intakes.newSubmission(Intakes.aTreatmentResistantAdult()), NO_CLINIC))
			.containsExactly("clinicId");
		ObjectNode notHers = Intakes.newSubmission(Intakes.aTreatmentResistantAdult()).put("clinicId", LAKESIDE);
		assertThat(fieldsOfRefused(notHers, Api.FRONT_DESK)).containsExactly("clinicId");
		ObjectNode elsewhere = Intakes.newSubmission(Intakes.aTreatmentResistantAdult()).put("clinicId", "elsewhere");
		assertThat(fieldsOfRefused(elsewhere, BOTH_CLINICIAN)).containsExactly("clinicId");

		Api.Response named = this.api.call("POST", PATH, BOTH_CLINICIAN,
				Intakes.newSubmission(Intakes.aTreatmentResistantAdult()).put("clinicId", LAKESIDE));
		assertThat(named.status()).isEqualTo(201);
		assertThat(named.json().get("clinicId").asString()).isEqualTo(LAKESIDE);
		String submissionId = named.json().get("submissionId").asString();
		String patientId = named.json().get("patientId").asString();

		ObjectNode amended = Intakes.aTreatmentResistantAdult();
		amended.put("systolicBp", 150);
		assertThat(this.api
			.call("PUT", PATH + "/" + submissionId + "/clinical", LAKESIDE_CLINICIAN,
					Map.of("clinical", amended, "reason", "Repeat reading"))
			.status()).isEqualTo(200);
		assertThat(this.api
			.call("PUT", "/api/intake/patients/" + patientId + "/contact", LAKESIDE_DESK,
					Map.of("phone", "+447700900124", "preferredChannel", "SMS", "timeZone", "Europe/London"))
			.status()).isEqualTo(200);
		assertThat(this.api
			.call("POST", PATH + "/" + submissionId + "/withdrawal", LAKESIDE_DESK, Map.of("reason", "Moved away"))
			.status()).isEqualTo(200);

		List<ConsumerRecord<String, byte[]>> events = SubmissionsIT.eventsOf(List.of(patientId),
				(read) -> read.size() >= 5);
		assertThat(events).extracting((event) -> SubmissionsIT.header(event, CloudEventHeaders.TYPE))
			.containsExactlyInAnyOrder(EventTypes.PATIENT_CONTACT_CHANGED, EventTypes.INTAKE_SUBMITTED,
					EventTypes.INTAKE_AMENDED, EventTypes.PATIENT_CONTACT_CHANGED, EventTypes.INTAKE_WITHDRAWN);
		EventSchemas schemas = new EventSchemas();
		for (ConsumerRecord<String, byte[]> event : events) {
			JsonNode data = SubmissionsIT.data(event);
			assertThat(data.get("clinicId").asString()).isEqualTo(LAKESIDE);
			assertThat(schemas.violations(SubmissionsIT.header(event, CloudEventHeaders.TYPE), data)).isEmpty();
		}
	}

	@Test
	void theDuplicateCheckSpansTheCallersClinicsOnly() {
		ObjectNode first = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		Api.Response existing = this.api.call("POST", PATH, Api.FRONT_DESK, first);
		String existingPatient = existing.json().get("patientId").asString();

		Api.Response atLakeside = this.api.call("POST", PATH, LAKESIDE_DESK, sameIdentity(first));
		assertThat(atLakeside.status()).isEqualTo(201);
		String lakesidePatient = atLakeside.json().get("patientId").asString();
		Api.Response byBoth = this.api.call("POST", PATH, BOTH_CLINICIAN,
				sameIdentity(first).put("clinicId", LAKESIDE));
		String bothPatient = byBoth.json().get("patientId").asString();

		JsonNode asBoth = this.api.call("GET", "/api/intake/duplicates?status=OPEN", BOTH_CLINICIAN, null).json();
		assertThat(flagsOf(asBoth, lakesidePatient)).as("main's patients were not the lakeside desk's to match")
			.isEmpty();
		List<JsonNode> flags = flagsOf(asBoth, bothPatient);
		assertThat(flags).extracting((flag) -> flag.get("matchedPatientId").asString())
			.as("a user of both clinics matches across them")
			.contains(existingPatient);
		JsonNode crossClinic = flags.stream()
			.filter((flag) -> flag.get("matchedPatientId").asString().equals(existingPatient))
			.findFirst()
			.orElseThrow();
		assertThat(crossClinic.get("clinicId").asString()).isEqualTo(LAKESIDE);
		assertThat(crossClinic.get("matchedClinicId").asString()).isEqualTo(MAIN);

		JsonNode asLakeside = this.api.call("GET", "/api/intake/duplicates?status=OPEN", LAKESIDE_DESK, null).json();
		assertThat(flagsOf(asLakeside, bothPatient)).extracting((flag) -> flag.get("matchedPatientId").asString())
			.as("a flag naming a patient of main is not lakeside's")
			.doesNotContain(existingPatient);
		String resolution = "/api/intake/duplicates/" + crossClinic.get("flagId").asString() + "/resolution";
		assertThat(this.api.call("POST", resolution, LAKESIDE_DESK, Map.of("resolution", "SAME_PATIENT")).status())
			.isEqualTo(404);
		assertThat(this.api.call("POST", resolution, Api.FRONT_DESK, Map.of("resolution", "SAME_PATIENT")).status())
			.isEqualTo(404);
		assertThat(flagsOf(this.api.call("GET", "/api/intake/duplicates?status=OPEN", BOTH_CLINICIAN, null).json(),
				bothPatient))
			.extracting((flag) -> flag.get("flagId").asString())
			.as("still open")
			.contains(crossClinic.get("flagId").asString());
		assertThat(
				this.api.call("POST", resolution, BOTH_CLINICIAN, Map.of("resolution", "DIFFERENT_PATIENT")).status())
			.isEqualTo(200);
	}

	private static ObjectNode sameIdentity(ObjectNode first) {
		ObjectNode next = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		((ObjectNode) next.get("patient")).set("givenName", first.get("patient").get("givenName"));
		((ObjectNode) next.get("patient")).set("familyName", first.get("patient").get("familyName"));
		((ObjectNode) next.get("patient")).set("dateOfBirth", first.get("patient").get("dateOfBirth"));
		return next;
	}

	private static List<JsonNode> flagsOf(JsonNode flags, String patientId) {
		List<JsonNode> found = new ArrayList<>();
		flags.forEach((flag) -> {
			if (flag.get("patientId").asString().equals(patientId)) {
				found.add(flag);
			}
		});
		return found;
	}

	private List<String> fieldsOfRefused(ObjectNode request, String authorization) {
		Api.Response response = this.api.call("POST", PATH, authorization, request);
		assertThat(response.status()).isEqualTo(400);
		return response.json().findValuesAsString("field");
	}

	private List<String> search(Map<String, Object> query, String authorization) {
		Api.Response response = this.api.call("POST", PATH + "/search", authorization, query);
		assertThat(response.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("items").forEach((item) -> ids.add(item.get("submissionId").asString()));
		assertThat(response.json().get("totalItems").asLong()).isEqualTo(ids.size());
		return ids;
	}

	private List<String> listed(String authorization) {
		Api.Response response = this.api.call("GET", PATH + "?status=SUBMITTED&size=200", authorization, null);
		assertThat(response.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("items").forEach((item) -> ids.add(item.get("submissionId").asString()));
		return ids;
	}

}
