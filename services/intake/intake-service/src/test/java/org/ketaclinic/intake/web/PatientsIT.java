package org.ketaclinic.intake.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.Intakes;
import org.ketaclinic.intake.events.EventTypes;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class PatientsIT {

	@LocalServerPort
	int port;

	Api api;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
	}

	@Test
	void contactChannelTimeZoneAndConsentsAreKeptAndPublishedForFollowUp() {
		String patientId = register(Intakes.newSubmission(Intakes.aTreatmentResistantAdult()));
		String path = "/api/intake/patients/" + patientId;

		JsonNode patient = this.api.call("GET", path, Api.FRONT_DESK, null).json();
		assertThat(patient.get("contact").get("preferredChannel").asString()).isEqualTo("SMS");
		assertThat(patient.get("consents").get("sms").get("granted").asBoolean()).isTrue();
		assertThat(patient.get("consents").get("sms").get("capturedBy").asString()).isEqualTo("frontdesk-ann");
		assertThat(patient.get("consents").get("sms").get("textVersion").asString()).isEqualTo("2026-01");

		Map<String, Object> contact = Map.of("phone", "+447700900123", "email", "ada.new@example.org",
				"preferredChannel", "EMAIL", "timeZone", "Europe/London");
		Api.Response changed = this.api.call("PUT", path + "/contact", Api.FRONT_DESK, contact);
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("contact").get("timeZone").asString()).isEqualTo("Europe/London");
		this.api.call("PUT", path + "/contact", Api.FRONT_DESK, contact);

		Map<String, Object> consents = Map.of("treatment", true, "sms", false, "email", true, "textVersion", "2026-02");
		JsonNode withdrawnSms = this.api.call("PUT", path + "/consents", Api.CLINICIAN, consents).json();
		assertThat(withdrawnSms.get("consents").get("sms").get("granted").asBoolean()).isFalse();
		assertThat(withdrawnSms.get("consents").get("sms").get("capturedBy").asString()).isEqualTo("dr-kim");

		List<ConsumerRecord<String, byte[]>> events = SubmissionsIT.eventsOf(List.of(patientId),
				(read) -> SubmissionsIT.ofType(read, EventTypes.PATIENT_CONTACT_CHANGED).size() >= 3);
		List<ConsumerRecord<String, byte[]>> changes = SubmissionsIT.ofType(events, EventTypes.PATIENT_CONTACT_CHANGED);
		assertThat(changes).as("registered, contact changed, consents changed; the repeat changed nothing").hasSize(3);
		JsonNode latest = SubmissionsIT.data(changes.get(2));
		assertThat(latest.get("preferredChannel").asString()).isEqualTo("EMAIL");
		assertThat(latest.get("timeZone").asString()).isEqualTo("Europe/London");
		assertThat(latest.get("consents").get("sms").asBoolean()).isFalse();
		assertThat(latest.has("givenName")).as("no more than follow-up needs").isFalse();
		EventSchemas schemas = new EventSchemas();
		changes.forEach((change) -> assertThat(
				schemas.violations(EventTypes.PATIENT_CONTACT_CHANGED, SubmissionsIT.data(change)))
			.isEmpty());
	}

	@Test
	void contactChangesAreValidatedLikeNewPatients() {
		String patientId = register(Intakes.newSubmission(Intakes.aTreatmentResistantAdult()));
		Api.Response response = this.api.call("PUT", "/api/intake/patients/" + patientId + "/contact", Api.FRONT_DESK,
				Map.of("email", "ada@example.org", "preferredChannel", "SMS", "timeZone", "Nowhere"));
		assertThat(response.status()).isEqualTo(400);
		List<String> fields = response.json().findValuesAsString("field");
		assertThat(fields).containsExactlyInAnyOrder("timeZone", "phone");
		assertThat(this.api.call("GET", "/api/intake/patients/" + UUID.randomUUID(), Api.FRONT_DESK, null).status())
			.isEqualTo(404);
	}

	@Test
	void aPossibleDuplicateIsFlaggedForStaffAndNeverMergedSilently() {
		ObjectNode first = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		String firstPatient = register(first);
		ObjectNode second = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		((ObjectNode) second.get("patient")).set("givenName", first.get("patient").get("givenName"));
		((ObjectNode) second.get("patient")).set("familyName", first.get("patient").get("familyName"));
		((ObjectNode) second.get("patient")).set("dateOfBirth", first.get("patient").get("dateOfBirth"));
		String secondPatient = register(second);
		ObjectNode third = Intakes.newSubmission(Intakes.aTreatmentResistantAdult());
		((ObjectNode) third.get("contact")).set("email", first.get("contact").get("email"));
		String thirdPatient = register(third);
		assertThat(secondPatient).isNotEqualTo(firstPatient);

		JsonNode open = this.api.call("GET", "/api/intake/duplicates?status=OPEN", Api.FRONT_DESK, null).json();
		JsonNode byIdentity = find(open, secondPatient, firstPatient);
		JsonNode byEmail = find(open, thirdPatient, firstPatient);
		assertThat(byIdentity.get("reasons").get(0).asString()).isEqualTo("NAME_AND_DATE_OF_BIRTH");
		assertThat(byEmail.get("reasons").get(0).asString()).isEqualTo("EMAIL");

		String resolution = "/api/intake/duplicates/" + byIdentity.get("flagId").asString() + "/resolution";
		Api.Response resolved = this.api.call("POST", resolution, Api.FRONT_DESK,
				Map.of("resolution", "DIFFERENT_PATIENT"));
		assertThat(resolved.json().get("status").asString()).isEqualTo("DIFFERENT_PATIENT");
		assertThat(resolved.json().get("resolvedBy").asString()).isEqualTo("frontdesk-ann");
		assertThat(
				this.api.call("POST", resolution, Api.FRONT_DESK, Map.of("resolution", "DIFFERENT_PATIENT")).status())
			.isEqualTo(200);
		assertThat(this.api.call("POST", resolution, Api.CLINICIAN, Map.of("resolution", "SAME_PATIENT")).status())
			.isEqualTo(409);
		assertThat(this.api.call("GET", "/api/intake/patients/" + secondPatient, Api.FRONT_DESK, null).status())
			.as("both patients still exist")
			.isEqualTo(200);
	}

	private static JsonNode find(JsonNode flags, String patientId, String matchedPatientId) {
		for (JsonNode flag : flags) {
			if (flag.get("patientId").asString().equals(patientId)
					&& flag.get("matchedPatientId").asString().equals(matchedPatientId)) {
				return flag;
			}
		}
		throw new AssertionError("no flag for " + patientId + " matching " + matchedPatientId + " in " + flags);
	}

	private String register(ObjectNode submission) {
		Api.Response created = this.api.call("POST", "/api/intake/submissions", Api.FRONT_DESK, submission);
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("patientId").asString();
	}

}
