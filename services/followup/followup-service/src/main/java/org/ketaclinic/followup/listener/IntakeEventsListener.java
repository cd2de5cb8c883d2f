package org.ketaclinic.followup.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.intake.events.EventTypes;
import org.ketaclinic.intake.events.IntakeAmended;
import org.ketaclinic.intake.events.IntakeSubmitted;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.inbox.Inbox;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each patient's contact, preference, time zone and consents, and the baseline
 * PHQ-9 of their newest intake.
 */
@Component
class IntakeEventsListener {

	private final Inbox inbox;

	private final Patients patients;

	private final PlanningMessages planning;

	IntakeEventsListener(Inbox inbox, Patients patients, PlanningMessages planning) {
		this.inbox = inbox;
		this.patients = patients;
		this.planning = planning;
	}

	@KafkaListener(topics = Topics.INTAKE)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record, (event) -> {
			switch (event.type()) {
				case EventTypes.PATIENT_CONTACT_CHANGED -> {
					PatientContactChanged contact = event.data(PatientContactChanged.class);
					if (this.patients.contactChanged(contact)) {
						this.planning.zoneChanged(contact.patientId());
					}
				}
				case EventTypes.INTAKE_SUBMITTED -> {
					IntakeSubmitted submitted = event.data(IntakeSubmitted.class);
					this.patients.baseline(submitted.patientId(), submitted.version(),
							(submitted.clinical() != null) ? submitted.clinical().phq9Total() : null,
							submitted.submittedAt(), submitted.clinicId());
				}
				case EventTypes.INTAKE_AMENDED -> {
					IntakeAmended amended = event.data(IntakeAmended.class);
					this.patients.baseline(amended.patientId(), amended.version(),
							(amended.clinical() != null) ? amended.clinical().phq9Total() : null, amended.amendedAt(),
							amended.clinicId());
				}
				default -> {
					// other intake events concern no message
				}
			}
		});
	}

}
