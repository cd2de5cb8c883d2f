package org.ketaclinic.scheduling.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.intake.events.EventTypes;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.Phq9BaselineRecorded;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventsProperties;
import org.ketaclinic.platform.inbox.DeadLetters;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18, PHI kept minimal: scheduling hears of a patient from intake's patients topic
 * only, never from {@code ketaclinic.intake.events} and its clinical section, and takes
 * the other types on the patients topic in its stride.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class PatientsTopicIT {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	EventsProperties events;

	@Test
	void schedulingNoLongerSubscribesToTheIntakeTopicNorKeepsADeadLetterTopicForIt() {
		List<String> subscribed = this.listeners.getListenerContainers()
			.stream()
			.map(MessageListenerContainer::getContainerProperties)
			.filter((properties) -> properties.getTopics() != null)
			.flatMap((properties) -> List.of(properties.getTopics()).stream())
			.toList();
		assertThat(subscribed).contains(Topics.PATIENTS).doesNotContain(Topics.INTAKE);
		assertThat(this.events.consumes()).contains(Topics.PATIENTS).doesNotContain(Topics.INTAKE);
	}

	@Test
	void aContactChangeOnTheIntakeTopicChangesNothingWhileTheSameOnThePatientsTopicRecordsTheConsent() {
		UUID patientId = UUID.randomUUID();
		Instant now = Instant.now();
		// newer than the one on the patients topic: it would win if it were heard
		String ignored = send(Topics.INTAKE, patientId, EventTypes.PATIENT_CONTACT_CHANGED,
				contact(patientId, false, now.plusSeconds(60)));
		UUID other = UUID.randomUUID();
		String unheard = send(Topics.INTAKE, other, EventTypes.PATIENT_CONTACT_CHANGED, contact(other, true, now));

		String heard = send(Topics.PATIENTS, patientId, EventTypes.PATIENT_CONTACT_CHANGED,
				contact(patientId, true, now));
		await().atMost(Duration.ofSeconds(30)).until(() -> processed(heard));
		assertThat(consented(patientId)).isTrue();

		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> !processed(ignored) && !processed(unheard) && Boolean.TRUE.equals(consented(patientId))
					&& consented(other) == null);
	}

	@Test
	void aPhq9BaselineOnThePatientsTopicIsConsumedWithoutErrorAndChangesNothingHere() {
		UUID patientId = UUID.randomUUID();
		String complete = send(Topics.PATIENTS, patientId, EventTypes.PHQ9_BASELINE_RECORDED, new Phq9BaselineRecorded(
				new PatientId(patientId), new SubmissionId(UUID.randomUUID()), 1, 19, Instant.now(), "main"));
		String incomplete = send(Topics.PATIENTS, patientId, EventTypes.PHQ9_BASELINE_RECORDED,
				new Phq9BaselineRecorded(new PatientId(patientId), new SubmissionId(UUID.randomUUID()), 2, null,
						Instant.now(), null));

		await().atMost(Duration.ofSeconds(30)).until(() -> processed(complete) && processed(incomplete));
		assertThat(consented(patientId)).as("no consent is made up from it").isNull();
		List<String> deadLettered = TopicProbe.readAll(Topics.PATIENTS + DeadLetters.SUFFIX, Duration.ofSeconds(5))
			.stream()
			.map(PatientsTopicIT::eventId)
			.toList();
		assertThat(deadLettered).doesNotContain(complete, incomplete);
	}

	private static PatientContactChanged contact(UUID patientId, boolean treatment, Instant changedAt) {
		return new PatientContactChanged(new PatientId(patientId), "+15550100123", null,
				PatientContactChanged.Channel.SMS, "America/New_York",
				new PatientContactChanged.Consents(treatment, true, false, "v1"), changedAt);
	}

	/** Sends an event as intake would; returns its id. */
	private String send(String topic, UUID patientId, String type, Object data) {
		ProducerRecord<String, byte[]> record = CloudEventRecords.of(topic, patientId.toString(), "/ketaclinic/intake",
				type, EventJson.mapper().writeValueAsBytes(data));
		this.kafka.send(record).join();
		return new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
	}

	private boolean processed(String eventId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class,
				eventId) > 0;
	}

	private Boolean consented(UUID patientId) {
		List<Boolean> found = this.jdbc.queryForList("SELECT treatment FROM patient_consent WHERE patient_id = ?",
				Boolean.class, patientId);
		return found.isEmpty() ? null : found.get(0);
	}

	private static String eventId(ConsumerRecord<String, byte[]> record) {
		Header id = record.headers().lastHeader(CloudEventHeaders.ID);
		return (id != null) ? new String(id.value(), StandardCharsets.UTF_8) : null;
	}

}
