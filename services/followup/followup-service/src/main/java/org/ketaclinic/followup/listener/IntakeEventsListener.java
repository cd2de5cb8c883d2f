package org.ketaclinic.followup.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.PatientsTopicEvent;
import org.ketaclinic.intake.events.Phq9BaselineRecorded;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each patient's contact, preference, time zone and consents, and the baseline
 * PHQ-9 of their newest intake. Reads intake's patients topic only: follow-up gets the
 * PHQ-9 total, never the intake's clinical section (issue 18: PHI kept minimal).
 */
@Component
class IntakeEventsListener implements PatientsTopicEvent.Handler<IncomingEvent> {

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
		this.inbox.receive(record,
				(event) -> event.as(PatientsTopicEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(PatientContactChanged contact, IncomingEvent event) {
		if (this.patients.contactChanged(contact)) {
			this.planning.zoneChanged(contact.patientId().value());
		}
	}

	@Override
	public void on(Phq9BaselineRecorded baseline, IncomingEvent event) {
		this.patients.baseline(baseline.patientId().value(), baseline.version(), baseline.phq9Total(),
				baseline.recordedAt(), baseline.clinicId());
	}

}
