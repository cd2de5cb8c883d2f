package org.ketaclinic.followup.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.intake.events.EventTypes;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.Phq9BaselineRecorded;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.inbox.Inbox;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each patient's contact, preference, time zone and consents, and the baseline
 * PHQ-9 of their newest intake. Reads intake's patients topic only: follow-up gets the
 * PHQ-9 total, never the intake's clinical section (issue 18: PHI kept minimal).
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

	@KafkaListener(topics = Topics.PATIENTS)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record, (event) -> {
			switch (event.type()) {
				case EventTypes.PATIENT_CONTACT_CHANGED -> {
					PatientContactChanged contact = event.data(PatientContactChanged.class);
					if (this.patients.contactChanged(contact)) {
						this.planning.zoneChanged(contact.patientId());
					}
				}
				case EventTypes.PHQ9_BASELINE_RECORDED -> {
					Phq9BaselineRecorded baseline = event.data(Phq9BaselineRecorded.class);
					this.patients.baseline(baseline.patientId(), baseline.version(), baseline.phq9Total(),
							baseline.recordedAt(), baseline.clinicId());
				}
				default -> {
					// other events of the topic concern no message
				}
			}
		});
	}

}
