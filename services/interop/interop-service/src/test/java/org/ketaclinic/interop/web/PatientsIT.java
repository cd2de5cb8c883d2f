package org.ketaclinic.interop.web;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.events.EventTypes;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.FhirValidation;
import org.ketaclinic.platform.events.EventSamples;
import org.ketaclinic.platform.test.TestTokens;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Patients as an EHR reads them: one valid FHIR {@code Patient} from intake's two topics
 * (names and birth date from its interop topic, phone and email from its patients topic),
 * whichever arrives first, an older change never undoing a newer one; searched by name
 * and birth date a page at a time; for the caller's clinics only, every patient shown
 * audited.
 */
class PatientsIT extends InteropIntegrationTest {

	private static final String FRONT_DESK = TestTokens.bearer("desk-1", "FRONT_DESK");

	@Test
	void bothTopicsMakeOneValidPatientWhicheverArrivesFirst() throws Exception {
		UUID patient = UUID.randomUUID();
		String family = unique("Lovelace");
		contact(patient, "+15550100200", "ada@example.org", "2026-11-26T14:02:00Z");
		demographics(patient, family, "Ada", "1981-04-12", "2026-11-26T14:02:00Z");
		awaitPatient(patient, (row) -> row.contains(family) && row.contains("+15550100200"));

		HttpResponse<String> read = get("/fhir/r4/Patient/" + patient, FRONT_DESK);
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		Patient resource = Fhir.read(Patient.class, read.body());
		assertThat(FhirValidation.errors(resource)).isEmpty();
		assertThat(resource.getIdElement().getIdPart()).isEqualTo(patient.toString());
		assertThat(resource.getNameFirstRep().getFamily()).isEqualTo(family);
		assertThat(resource.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Ada");
		assertThat(resource.getBirthDateElement().getValueAsString()).isEqualTo("1981-04-12");
		assertThat(resource.getTelecom()).extracting((telecom) -> telecom.getSystem() + " " + telecom.getValue())
			.containsExactlyInAnyOrder(ContactPointSystem.PHONE + " +15550100200",
					ContactPointSystem.EMAIL + " ada@example.org");
		assertThat(resource.getIdentifierFirstRep().getValue()).isEqualTo("urn:uuid:" + patient);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE action = 'FHIR_PATIENT_READ' AND patient_id = ?", Integer.class,
				patient))
			.isEqualTo(1);
	}

	@Test
	void anOlderChangeReplayedNeverUndoesANewerOne() throws Exception {
		UUID patient = UUID.randomUUID();
		String family = unique("Hopper");
		demographics(patient, family, "Grace", "1986-12-09", "2026-11-27T10:00:00Z");
		contact(patient, "+15550100300", null, "2026-11-27T10:00:00Z");
		awaitPatient(patient, (row) -> row.contains(family) && row.contains("+15550100300"));
		demographics(patient, unique("Murray"), "Grace", "1986-12-09", "2026-11-26T10:00:00Z");
		contact(patient, "+15550100999", null, "2026-11-26T10:00:00Z");
		// a newer contact sent after the replays: once it is in, the replays before it
		// have
		// been handled
		contact(patient, "+15550100301", null, "2026-11-28T10:00:00Z");
		awaitPatient(patient, (row) -> row.contains("+15550100301"));

		Patient resource = Fhir.read(Patient.class, get("/fhir/r4/Patient/" + patient, FRONT_DESK).body());
		assertThat(resource.getNameFirstRep().getFamily()).isEqualTo(family);
		assertThat(resource.getTelecom()).extracting((telecom) -> telecom.getValue()).containsExactly("+15550100301");
	}

	@Test
	void aSearchByNameAndBirthDateFindsThemAnyCaseAPageAtATime() throws Exception {
		String family = unique("Franklin");
		UUID rosalind = UUID.randomUUID();
		UUID rachel = UUID.randomUUID();
		UUID robert = UUID.randomUUID();
		demographics(rosalind, family, "Rosalind", "1980-07-25", "2026-11-26T10:00:00Z");
		demographics(rachel, family, "Rachel", "1990-01-01", "2026-11-26T10:00:00Z");
		demographics(robert, family + "ly", "Robert", "1980-07-25", "2026-11-26T10:00:00Z");
		awaitPatient(robert, (row) -> row.contains("Robert"));
		awaitPatient(rachel, (row) -> row.contains("Rachel"));
		awaitPatient(rosalind, (row) -> row.contains("Rosalind"));

		Bundle byFamily = search("family=" + family.toLowerCase(Locale.ROOT), FRONT_DESK);
		assertThat(FhirValidation.errors(byFamily)).isEmpty();
		assertThat(byFamily.getTotal()).as("the start of the name, any case").isEqualTo(3);
		assertThat(ids(byFamily)).containsExactly(rachel.toString(), rosalind.toString(), robert.toString());
		assertThat(ids(search("family=" + family + "&given=ro", FRONT_DESK))).containsExactly(rosalind.toString(),
				robert.toString());
		assertThat(ids(search("family=" + family + "&birthdate=1980-07-25", FRONT_DESK)))
			.containsExactly(rosalind.toString(), robert.toString());
		assertThat(ids(search("family=" + family + "&birthdate=gt1985-01-01", FRONT_DESK)))
			.containsExactly(rachel.toString());

		Bundle first = search("family=" + family + "&_count=2", FRONT_DESK);
		assertThat(first.getTotal()).isEqualTo(3);
		assertThat(ids(first)).containsExactly(rachel.toString(), rosalind.toString());
		String next = first.getLink("next").getUrl();
		Bundle second = Fhir.read(Bundle.class,
				get(URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery(), FRONT_DESK).body());
		assertThat(ids(second)).containsExactly(robert.toString());
		assertThat(second.getLink("next")).as("the last page").isNull();
	}

	@Test
	void anotherClinicsStaffNeitherFindNorReadThePatientAndTheAdministratorReadsNoPatients() throws Exception {
		UUID patient = UUID.randomUUID();
		String family = unique("Curie");
		demographics(patient, family, "Marie", "1967-11-07", "2026-11-26T10:00:00Z");
		awaitPatient(patient, (row) -> row.contains(family));
		String lakeside = TestTokens.bearerForClinics(List.of("lakeside"), "desk-2", "FRONT_DESK");

		assertThat(get("/fhir/r4/Patient/" + patient, lakeside).statusCode()).isEqualTo(404);
		assertThat(search("family=" + family, lakeside).getTotal()).isZero();
		assertThat(get("/fhir/r4/Patient/" + patient, TestTokens.bearer("admin-1", "ADMIN")).statusCode())
			.isEqualTo(403);
		assertThat(get("/fhir/r4/Patient/" + patient, null).statusCode()).isEqualTo(401);
		assertThat(search("family=" + family, TestTokens.bearer("clinician-1", "CLINICIAN")).getTotal()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE action = 'FHIR_PATIENT_LISTED' AND patient_id = ?",
				Integer.class, patient))
			.as("shown once, to the clinician of its clinic")
			.isEqualTo(1);
	}

	@Test
	void aSearchWithoutCriteriaOrWithABadOneIsRefusedNamingTheParameter() throws Exception {
		for (String[] bad : new String[][] { { "", "family" }, { "?birthdate=12/07/1980", "birthdate" },
				{ "?birthdate=sa2000-01-01", "birthdate" }, { "?family=x&_count=1000", "_count" },
				{ "?family=x&_offset=-1", "_offset" } }) {
			HttpResponse<String> refused = get("/fhir/r4/Patient" + bad[0], FRONT_DESK);
			assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
			OperationOutcome outcome = Fhir.read(OperationOutcome.class, refused.body());
			assertThat(outcome.getIssueFirstRep().getExpression()).extracting(Object::toString)
				.as(bad[0])
				.containsExactly(bad[1]);
		}
		assertThat(get("/fhir/r4/Patient/not-a-patient", FRONT_DESK).statusCode()).isEqualTo(404);
	}

	private static String unique(String family) {
		return family + UUID.randomUUID().toString().substring(0, 8).replaceAll("[0-9-]", "x");
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map((entry) -> entry.getResource().getIdElement().getIdPart()).toList();
	}

	private void demographics(UUID patient, String family, String given, String birth, String at) {
		ObjectNode data = (ObjectNode) EventSamples.sample(EventTypes.PATIENT_DEMOGRAPHICS_CHANGED);
		data.put("patientId", patient.toString()).put("familyName", family).put("givenName", given);
		data.put("dateOfBirth", birth).put("changedAt", at);
		send(Topics.INTEROP, patient, EventTypes.PATIENT_DEMOGRAPHICS_CHANGED, data);
	}

	private void contact(UUID patient, String phone, String email, String at) {
		ObjectNode data = (ObjectNode) EventSamples.sample(EventTypes.PATIENT_CONTACT_CHANGED);
		data.put("patientId", patient.toString()).put("phone", phone).put("email", email).put("changedAt", at);
		send(Topics.PATIENTS, patient, EventTypes.PATIENT_CONTACT_CHANGED, data);
	}

	private void send(String topic, UUID patient, String type, ObjectNode data) {
		FhirApi.send(this.kafka, topic, patient, "/ketaclinic/intake", type, data);
	}

	private void awaitPatient(UUID patient, Predicate<String> done) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<String> rows = this.jdbc.queryForList(
					"SELECT concat_ws(' ', family_name, given_name, phone, email) FROM patient WHERE patient_id = ?",
					String.class, patient);
			return !rows.isEmpty() && done.test(rows.get(0));
		});
	}

	private Bundle search(String query, String bearer) throws Exception {
		return new FhirApi(this.port).search("/fhir/r4/Patient?" + query, bearer);
	}

	private HttpResponse<String> get(String path, String bearer) throws Exception {
		return new FhirApi(this.port).get(path, bearer);
	}

}
