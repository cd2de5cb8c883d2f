package org.ketaclinic.followup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.intake.events.IntakeSubmitted;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventsProperties;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TestTokens;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18, PHI kept minimal: follow-up takes a patient's baseline PHQ-9 from
 * {@code Phq9BaselineRecorded} on intake's patients topic, and no longer reads
 * {@code ketaclinic.intake.events}, whose events carry the whole clinical section.
 */
class PatientsTopicIT extends FollowupTestSupport {

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	EventsProperties events;

	@Test
	void followupListensToThePatientsTopicAndNotToTheIntakesEvents() {
		List<String> topics = this.listeners.getListenerContainers()
			.stream()
			.map(MessageListenerContainer::getContainerProperties)
			.flatMap((properties) -> List.of(properties.getTopics()).stream())
			.toList();
		assertThat(topics).contains(Topics.PATIENTS).doesNotContain(Topics.INTAKE);
		assertThat(this.events.consumes()).as("nor its dead letters")
			.contains(Topics.PATIENTS)
			.doesNotContain(Topics.INTAKE);
	}

	@Test
	void anIntakeSubmittedOnTheIntakesTopicLeavesNoTraceWhileABaselineOnThePatientsTopicSetsIt() {
		UUID ignored = UUID.randomUUID();
		ClinicalSection clinical = EventJson.mapper().readValue("{}", ClinicalSection.class).withPhq9(20, 1);
		ProducerRecord<String, byte[]> submitted = CloudEventRecords.of(Topics.INTAKE, ignored.toString(),
				"/ketaclinic/intake", org.ketaclinic.intake.events.EventTypes.INTAKE_SUBMITTED,
				EventJson.mapper()
					.writeValueAsBytes(new IntakeSubmitted(new PatientId(ignored), new SubmissionId(UUID.randomUUID()),
							1, Instant.now(), clinical)));
		this.kafka.send(submitted).join();
		String submittedId = new String(submitted.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);

		UUID patientId = UUID.randomUUID();
		baseline(patientId, 1, 18, Instant.now(), null);
		awaitBaselineVersion(patientId, 1);
		assertThat(this.jdbc.queryForObject("SELECT baseline_phq9 FROM patient WHERE patient_id = ?", Integer.class,
				patientId))
			.isEqualTo(18);

		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM patient WHERE patient_id = ?", Integer.class,
					ignored) == 0
					&& this.jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?",
							Integer.class, submittedId) == 0);
	}

	@Test
	void theNewestVersionIsTheBaselineAnIncompletePhq9HasNoneAndTheBaselineNamesTheClinic() {
		UUID patientId = UUID.randomUUID();
		Instant submittedAt = Instant.parse("2027-02-01T10:00:00Z");
		baseline(patientId, 1, 22, submittedAt, "lakeside");
		awaitBaselineVersion(patientId, 1);
		baseline(patientId, 2, 19, submittedAt.plus(Duration.ofDays(1)), "lakeside");
		awaitBaselineVersion(patientId, 2);
		String lakeside = TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC), "dr-lake", "CLINICIAN");
		JsonNode history = get("/api/followup/patients/" + patientId + "/phq9", lakeside);
		assertThat(history.get("baselinePhq9").asInt()).isEqualTo(19);
		assertThat(
				this.jdbc.queryForObject("SELECT clinic_id FROM patient WHERE patient_id = ?", String.class, patientId))
			.isEqualTo("lakeside");

		// amended again without every PHQ-9 item answered: no baseline to compare with
		baseline(patientId, 3, null, submittedAt.plus(Duration.ofDays(2)), "lakeside");
		awaitBaselineVersion(patientId, 3);
		assertThat(this.jdbc.queryForObject("SELECT baseline_phq9 FROM patient WHERE patient_id = ?", Integer.class,
				patientId))
			.isNull();
	}

}
