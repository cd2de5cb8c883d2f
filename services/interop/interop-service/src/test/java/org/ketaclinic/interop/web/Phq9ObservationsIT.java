package org.ketaclinic.interop.web;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
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
 * A patient's PHQ-9 course as FHIR Observations, built from the producers' own events
 * (their golden samples, with this test's ids): the intake's total and each check-in's,
 * an amendment replacing its intake's, an older version replayed changing nothing; for
 * the clinicians of the patient's clinic only; every search audited.
 */
class Phq9ObservationsIT extends InteropIntegrationTest {

	private static final String CLINICIAN = TestTokens.bearer("clinician-1", "CLINICIAN");

	@Test
	void theIntakeAndEveryCheckInAreValidObservationsOfTheirTotalsInTheOrderMeasured() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		UUID checkIn = UUID.randomUUID();
		intake(patient, submission, 1, 18, "2026-11-26T14:03:11Z");
		checkIn(patient, checkIn, 8, "2026-12-20T09:00:00Z");
		awaitScores(patient, 2);

		Bundle bundle = search(patient, CLINICIAN);
		assertThat(FhirValidation.errors(bundle)).isEmpty();
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
		assertThat(bundle.getTotal()).isEqualTo(2);
		List<Observation> observations = bundle.getEntry()
			.stream()
			.map(BundleEntryComponent::getResource)
			.map(Observation.class::cast)
			.toList();
		assertThat(observations).extracting((observation) -> observation.getValueIntegerType().getValue())
			.containsExactly(18, 8);
		assertThat(observations).extracting((observation) -> observation.getIdElement().getIdPart())
			.containsExactly(submission.toString(), checkIn.toString());
		assertThat(observations).allSatisfy((observation) -> {
			assertThat(observation.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
			assertThat(observation.getCode().getCodingFirstRep().getCode()).isEqualTo("44261-6");
			assertThat(observation.getSubject().getReference()).isEqualTo("Patient/" + patient);
			assertThat(observation.getCategory()).anySatisfy(
					(category) -> assertThat(category.getCodingFirstRep().getCode()).isEqualTo("screening-assessment"));
			assertThat(observation.getEffectiveDateTimeType().getValue()).isNotNull();
			assertThat(FhirValidation.errors(observation)).isEmpty();
		});
		assertThat(bundle.getEntryFirstRep().getFullUrl()).endsWith("/fhir/r4/Observation/" + submission);
	}

	@Test
	void anAmendmentReplacesItsIntakesTotalAndAnOlderVersionReplayedChangesNothing() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		intake(patient, submission, 1, 18, "2026-11-26T14:03:11Z");
		intake(patient, submission, 2, 12, "2026-11-27T10:00:00Z");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT total FROM phq9_score WHERE source_id = ?", Integer.class,
					submission) == 12);
		intake(patient, submission, 1, 18, "2026-11-26T14:03:11Z");
		intake(patient, UUID.randomUUID(), 1, 20, "2026-11-28T10:00:00Z");
		awaitScores(patient, 2);

		Observation amended = (Observation) search(patient, CLINICIAN).getEntryFirstRep().getResource();
		assertThat(amended.getValueIntegerType().getValue()).isEqualTo(12);
		assertThat(amended.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
	}

	@Test
	void onlyClinicsOfThePatientSeeTheCourseAndEverySearchIsAudited() throws Exception {
		UUID patient = UUID.randomUUID();
		intake(patient, UUID.randomUUID(), 1, 18, "2026-11-26T14:03:11Z");
		awaitScores(patient, 1);

		assertThat(search(patient, TestTokens.bearerForClinics(List.of("lakeside"), "clinician-2", "CLINICIAN"))
			.getTotal()).as("a clinician of another clinic").isZero();
		assertThat(search(patient, CLINICIAN).getTotal()).isEqualTo(1);
		assertThat(this.jdbc
			.queryForList("SELECT coalesce(clinic_id, '-') FROM audit_event WHERE action = 'FHIR_OBSERVATIONS_READ'"
					+ " AND patient_id = ? ORDER BY id", String.class, patient))
			.as("the other clinic's search found nothing and is audited in no clinic; the patient's clinic's is")
			.containsExactly("-", "main");
		assertThat(get("/fhir/r4/Observation?subject=Patient/" + patient, TestTokens.bearer("desk", "FRONT_DESK"))
			.statusCode()).as("the front desk reads no clinical course").isEqualTo(403);
	}

	@Test
	void anAmendmentThatLeavesThePhq9IncompleteWithdrawsItsIntakesTotal() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		intake(patient, submission, 1, 18, "2026-11-26T14:03:11Z");
		checkIn(patient, UUID.randomUUID(), 8, "2026-12-20T09:00:00Z");
		awaitScores(patient, 2);
		intake(patient, submission, 2, null, "2026-11-27T10:00:00Z");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT version FROM phq9_score WHERE source_id = ?", Integer.class,
					submission) == 2);

		assertThat(search(patient, CLINICIAN).getEntry())
			.extracting((entry) -> ((Observation) entry.getResource()).getValueIntegerType().getValue())
			.as("only the check-in's total stands")
			.containsExactly(8);
	}

	@Test
	void anAmendedTotalKeepsWhenItWasAnsweredAndADraftFirstSeenAtVersionTwoIsNotAmended() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID amendedLater = UUID.randomUUID();
		UUID draft = UUID.randomUUID();
		intake(patient, amendedLater, 1, 18, "2026-11-26T14:03:11Z");
		awaitScores(patient, 1);
		intake(patient, amendedLater, 2, 12, "2026-11-27T10:00:00Z");
		intake(patient, draft, 2, 15, "2026-11-28T10:00:00Z");
		awaitScores(patient, 2);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT total FROM phq9_score WHERE source_id = ?", Integer.class,
					amendedLater) == 12);

		List<Observation> observations = search(patient, CLINICIAN).getEntry()
			.stream()
			.map((entry) -> (Observation) entry.getResource())
			.toList();
		assertThat(observations).extracting((observation) -> observation.getIdElement().getIdPart())
			.containsExactly(amendedLater.toString(), draft.toString());
		Observation amended = observations.get(0);
		assertThat(amended.getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
		assertThat(amended.getEffectiveDateTimeType().getValue().toInstant())
			.isEqualTo(Instant.parse("2026-11-26T14:03:11Z"));
		assertThat(amended.getIssued().toInstant()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
		assertThat(observations.get(1).getStatus()).as("nothing was served before it")
			.isEqualTo(Observation.ObservationStatus.FINAL);
	}

	@Test
	void aCheckInReplayedChangesNothingAndAnEventWithoutAClinicIsTheDefaultClinics() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID checkIn = UUID.randomUUID();
		checkIn(patient, checkIn, 8, "2026-12-20T09:00:00Z");
		checkIn(patient, checkIn, 8, "2026-12-20T09:00:00Z");
		ObjectNode withoutClinic = (ObjectNode) EventSamples.sample(EventTypes.PHQ9_BASELINE_RECORDED);
		withoutClinic.put("patientId", patient.toString()).put("submissionId", UUID.randomUUID().toString());
		withoutClinic.put("phq9Total", 19).remove("clinicId");
		send(Topics.PATIENTS, patient, "/ketaclinic/intake", EventTypes.PHQ9_BASELINE_RECORDED, withoutClinic);
		awaitScores(patient, 2);

		assertThat(search(patient, CLINICIAN).getTotal()).as("the default clinic's clinician").isEqualTo(2);
		HttpResponse<String> byPatient = get("/fhir/r4/Observation?patient=Patient/" + patient, CLINICIAN);
		assertThat(Fhir.read(Bundle.class, byPatient.body()).getTotal()).as("patient= as subject=").isEqualTo(2);
		HttpResponse<String> otherCode = get("/fhir/r4/Observation?subject=Patient/" + patient + "&code="
				+ URLEncoder.encode("http://loinc.org|8867-4", StandardCharsets.UTF_8), CLINICIAN);
		assertThat(Fhir.read(Bundle.class, otherCode.body()).getTotal()).as("no heart rates here").isZero();
	}

	@Test
	void aSearchWithoutItsPatientIsRefusedNamingTheParameter() throws Exception {
		for (String query : new String[] { "", "?subject=Patient/not-an-id" }) {
			HttpResponse<String> refused = get("/fhir/r4/Observation" + query, CLINICIAN);
			assertThat(refused.statusCode()).as(query).isEqualTo(400);
			OperationOutcome outcome = Fhir.read(OperationOutcome.class, refused.body());
			assertThat(outcome.getIssueFirstRep().getExpression()).extracting(Object::toString)
				.containsExactly("subject");
		}
	}

	private void intake(UUID patient, UUID submission, int version, Integer total, String at) {
		ObjectNode data = (ObjectNode) EventSamples.sample(EventTypes.PHQ9_BASELINE_RECORDED);
		data.put("patientId", patient.toString()).put("submissionId", submission.toString()).put("version", version);
		data.put("phq9Total", total).put("recordedAt", at);
		send(Topics.PATIENTS, patient, "/ketaclinic/intake", EventTypes.PHQ9_BASELINE_RECORDED, data);
	}

	private void checkIn(UUID patient, UUID checkIn, int total, String at) {
		ObjectNode data = (ObjectNode) EventSamples
			.sample(org.ketaclinic.followup.events.EventTypes.CHECK_IN_COMPLETED);
		data.put("patientId", patient.toString()).put("checkInId", checkIn.toString()).put("phq9Total", total);
		data.put("completedAt", at);
		send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patient, "/ketaclinic/followup",
				org.ketaclinic.followup.events.EventTypes.CHECK_IN_COMPLETED, data);
	}

	private void send(String topic, UUID patient, String source, String type, ObjectNode data) {
		FhirApi.send(this.kafka, topic, patient, source, type, data);
	}

	private void awaitScores(UUID patient, int count) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM phq9_score WHERE patient_id = ?", Integer.class,
					patient) == count);
	}

	private Bundle search(UUID patient, String bearer) throws Exception {
		return new FhirApi(this.port).search("/fhir/r4/Observation?subject=Patient/" + patient + "&code="
				+ URLEncoder.encode("http://loinc.org|44261-6", StandardCharsets.UTF_8), bearer);
	}

	private HttpResponse<String> get(String path, String bearer) throws Exception {
		return new FhirApi(this.port).get(path, bearer);
	}

}
