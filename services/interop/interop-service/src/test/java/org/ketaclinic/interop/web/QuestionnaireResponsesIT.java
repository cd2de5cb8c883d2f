package org.ketaclinic.interop.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.Test;
import org.ketaclinic.intake.events.EventTypes;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.interop.fhir.FhirValidation;
import org.ketaclinic.platform.events.EventSamples;
import org.ketaclinic.platform.test.TestTokens;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An intake's questionnaires as FHIR QuestionnaireResponses, from intake's own event (its
 * golden sample, with this test's ids): the PHQ-9 item by item in LOINC's codes with its
 * total, the C-SSRS screener question by question; an amendment replaces its submission's
 * answers, an older version replayed changes nothing; the total's Observation derives
 * from the PHQ-9 response; clinicians of the patient's clinic only.
 */
class QuestionnaireResponsesIT extends InteropIntegrationTest {

	private static final String CLINICIAN = TestTokens.bearer("clinician-1", "CLINICIAN");

	@Test
	void theIntakesPhq9AndScreenerAreValidResponsesInLoincsCodes() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		answered(patient, submission, 1, List.of(2, 2, 3, 2, 1, 2, 2, 1, 1), 16);
		awaitVersion(submission, 1);

		Bundle bundle = search(patient, CLINICIAN);
		assertThat(FhirValidation.errors(bundle)).isEmpty();
		Map<String, QuestionnaireResponse> byId = responses(bundle);
		assertThat(byId).containsOnlyKeys("phq9-" + submission, "cssrs-" + submission);

		QuestionnaireResponse phq9 = byId.get("phq9-" + submission);
		assertThat(FhirValidation.errors(phq9)).isEmpty();
		assertThat(phq9.getQuestionnaire()).isEqualTo("http://loinc.org/q/44249-1");
		assertThat(phq9.getSubject().getReference()).isEqualTo("Patient/" + patient);
		assertThat(phq9.getStatus()).isEqualTo(QuestionnaireResponseStatus.COMPLETED);
		assertThat(phq9.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
			.containsExactly("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
					"44260-8", "44261-6");
		assertThat(phq9.getItem().get(2).getAnswerFirstRep().getValueCoding())
			.extracting(Coding::getSystem, Coding::getCode)
			.containsExactly("http://loinc.org", "LA6571-9");
		assertThat(phq9.getItem().get(8).getAnswerFirstRep().getValueCoding().getCode()).as("item 9: several days")
			.isEqualTo("LA6569-3");
		assertThat(phq9.getItem().get(9).getAnswerFirstRep().getValueIntegerType().getValue()).isEqualTo(16);

		QuestionnaireResponse screener = byId.get("cssrs-" + submission);
		assertThat(FhirValidation.errors(screener)).isEmpty();
		assertThat(screener.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
			.as("the questions asked, in order; those skipped left out")
			.containsExactly("q1WishDead", "q2ActiveThoughts", "q6BehaviorLifetime");
		assertThat(screener.getItemFirstRep().getAnswerFirstRep().getValueBooleanType().booleanValue()).isTrue();
	}

	@Test
	void anAmendmentReplacesItsSubmissionsAnswersAndAnOlderVersionReplayedChangesNothing() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		answered(patient, submission, 1, List.of(2, 2, 3, 2, 1, 2, 2, 1, 1), 16);
		awaitVersion(submission, 1);
		answered(patient, submission, 2, List.of(2, 2, 3, 2, 1, 2, 2, 1, 3), 18);
		awaitVersion(submission, 2);
		answered(patient, submission, 1, List.of(2, 2, 3, 2, 1, 2, 2, 1, 1), 16);
		UUID later = UUID.randomUUID();
		answered(patient, later, 1, List.of(0, 0, 0, 0, 0, 0, 0, 0, 0), 0);
		awaitVersion(later, 1);

		QuestionnaireResponse phq9 = responses(search(patient, CLINICIAN)).get("phq9-" + submission);
		assertThat(phq9.getStatus()).isEqualTo(QuestionnaireResponseStatus.AMENDED);
		assertThat(phq9.getItem().get(8).getAnswerFirstRep().getValueCoding().getCode()).as("item 9 as amended")
			.isEqualTo("LA6571-9");
	}

	@Test
	void theIntakeTotalsObservationDerivesFromItsPhq9Response() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		ObjectNode baseline = (ObjectNode) EventSamples.sample(EventTypes.PHQ9_BASELINE_RECORDED);
		baseline.put("patientId", patient.toString()).put("submissionId", submission.toString()).put("phq9Total", 16);
		FhirApi.send(this.kafka, Topics.PATIENTS, patient, "/ketaclinic/intake", EventTypes.PHQ9_BASELINE_RECORDED,
				baseline);
		answered(patient, submission, 1, List.of(2, 2, 3, 2, 1, 2, 2, 1, 1), 16);
		awaitVersion(submission, 1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM phq9_score WHERE source_id = ?", Integer.class,
					submission) == 1);

		Observation total = (Observation) new FhirApi(this.port)
			.search("/fhir/r4/Observation?subject=Patient/" + patient, CLINICIAN)
			.getEntryFirstRep()
			.getResource();
		assertThat(total.getDerivedFromFirstRep().getReference()).isEqualTo("QuestionnaireResponse/phq9-" + submission);
		assertThat(responses(search(patient, CLINICIAN))).containsKey("phq9-" + submission);
	}

	@Test
	void onlyCliniciansOfThePatientsClinicReadTheAnswersAndEverySearchIsAudited() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		answered(patient, submission, 1, List.of(2, 2, 3, 2, 1, 2, 2, 1, 1), 16);
		awaitVersion(submission, 1);

		assertThat(search(patient, TestTokens.bearerForClinics(List.of("lakeside"), "clinician-2", "CLINICIAN"))
			.getTotal()).isZero();
		assertThat(search(patient, CLINICIAN).getTotal()).isEqualTo(2);
		assertThat(new FhirApi(this.port)
			.get("/fhir/r4/QuestionnaireResponse?subject=Patient/" + patient, TestTokens.bearer("desk", "FRONT_DESK"))
			.statusCode()).as("the front desk reads no clinical answers").isEqualTo(403);
		assertThat(this.jdbc.queryForList(
				"SELECT coalesce(clinic_id, '-') FROM audit_event WHERE action = 'FHIR_QUESTIONNAIRE_RESPONSES_READ'"
						+ " AND patient_id = ? ORDER BY id",
				String.class, patient))
			.containsExactly("-", "main");
	}

	private void answered(UUID patient, UUID submission, int version, List<Integer> items, int total) {
		ObjectNode data = (ObjectNode) EventSamples.sample(EventTypes.INTAKE_QUESTIONNAIRES_ANSWERED);
		data.put("patientId", patient.toString()).put("submissionId", submission.toString()).put("version", version);
		data.putArray("phq9Items").addAll(items.stream().map((item) -> data.numberNode(item)).toList());
		data.put("phq9Total", total).put("phq9Item9", items.get(8));
		FhirApi.send(this.kafka, Topics.INTEROP, patient, "/ketaclinic/intake",
				EventTypes.INTAKE_QUESTIONNAIRES_ANSWERED, data);
	}

	private void awaitVersion(UUID submission, int version) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.jdbc
				.queryForList("SELECT 1 FROM questionnaire_answers WHERE submission_id = ? AND version >= ?",
						submission, version)
				.isEmpty());
	}

	private Bundle search(UUID patient, String bearer) throws Exception {
		return new FhirApi(this.port).search("/fhir/r4/QuestionnaireResponse?subject=Patient/" + patient, bearer);
	}

	private static Map<String, QuestionnaireResponse> responses(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.map((entry) -> (QuestionnaireResponse) entry.getResource())
			.collect(Collectors.toMap((response) -> response.getIdElement().getIdPart(), (response) -> response));
	}

}
