package org.ketaclinic.intake.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.outbox.OutgoingEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishing an event works out its topics, key, type and subject from the event. */
class PublishingTests {

	private final List<OutgoingEvent> recorded = new ArrayList<>();

	private final Outbox outbox = (event) -> {
		this.recorded.add(event);
		return "event-" + this.recorded.size();
	};

	@Test
	void aContactChangeGoesToBothOfItsTopicsKeyedByThePatient() {
		PatientId patient = new PatientId(UUID.randomUUID());
		PatientContactChanged changed = new PatientContactChanged(patient, "+15550100", null,
				PatientContactChanged.Channel.SMS, "America/New_York",
				new PatientContactChanged.Consents(true, true, false, "v3"), Instant.parse("2026-12-01T10:00:00Z"),
				"main");

		assertThat(this.outbox.publish(changed)).containsExactly("event-1", "event-2");

		assertThat(this.recorded).extracting(OutgoingEvent::topic).containsExactly(Topics.INTAKE, Topics.PATIENTS);
		assertThat(this.recorded).allSatisfy((event) -> {
			assertThat(event.key()).isEqualTo(patient.toString());
			assertThat(event.type()).isEqualTo(EventTypes.PATIENT_CONTACT_CHANGED);
			assertThat(event.subject()).isEqualTo("patient/" + patient);
			assertThat(event.data()).isSameAs(changed);
		});
	}

	@Test
	void aBaselineGoesOnlyToThePatientsTopicAboutItsSubmission() {
		PatientId patient = new PatientId(UUID.randomUUID());
		SubmissionId submission = new SubmissionId(UUID.randomUUID());
		this.outbox.publish(new Phq9BaselineRecorded(patient, submission, 1, 18, Instant.now(), "main"));

		assertThat(this.recorded).singleElement().satisfies((event) -> {
			assertThat(event.topic()).isEqualTo(Topics.PATIENTS);
			assertThat(event.type()).isEqualTo(EventTypes.PHQ9_BASELINE_RECORDED);
			assertThat(event.subject()).isEqualTo("submission/" + submission);
		});
	}

	@Test
	void demographicsGoOnlyToTheInteropTopicAboutThePatient() {
		PatientId patient = new PatientId(UUID.randomUUID());
		this.outbox.publish(new PatientDemographicsChanged(patient, "Lovelace", "Ada", LocalDate.of(1981, 4, 12),
				Instant.now(), "main"));

		assertThat(this.recorded).singleElement().satisfies((event) -> {
			assertThat(event.topic()).isEqualTo(Topics.INTEROP);
			assertThat(event.key()).isEqualTo(patient.toString());
			assertThat(event.type()).isEqualTo(EventTypes.PATIENT_DEMOGRAPHICS_CHANGED);
			assertThat(event.subject()).isEqualTo("patient/" + patient);
		});
	}

	@Test
	void eachTopicsFamilyNamesExactlyTheTypesItsSealedInterfacePermits() {
		assertThat(IntakeTopicEvent.FAMILY.types()).extracting((type) -> (Object) type.record())
			.containsExactlyInAnyOrder((Object[]) IntakeTopicEvent.class.getPermittedSubclasses());
		assertThat(PatientsTopicEvent.FAMILY.types()).extracting((type) -> (Object) type.record())
			.containsExactlyInAnyOrder((Object[]) PatientsTopicEvent.class.getPermittedSubclasses());
		assertThat(InteropTopicEvent.FAMILY.types()).extracting((type) -> (Object) type.record())
			.containsExactlyInAnyOrder((Object[]) InteropTopicEvent.class.getPermittedSubclasses());
		assertThat(InteropTopicEvent.FAMILY.typeNamed(EventTypes.PATIENT_CONTACT_CHANGED))
			.as("contact details are not on the interop topic")
			.isNull();
		assertThat(PatientsTopicEvent.FAMILY.typeNamed(EventTypes.INTAKE_SUBMITTED))
			.as("the clinical section is not on the patients topic")
			.isNull();
	}

}
