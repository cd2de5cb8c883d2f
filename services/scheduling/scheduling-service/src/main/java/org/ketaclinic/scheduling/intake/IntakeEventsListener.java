package org.ketaclinic.scheduling.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.PatientsTopicEvent;
import org.ketaclinic.intake.events.Phq9BaselineRecorded;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.scheduling.safety.PatientSafety;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each patient's consent to treatment from intake's {@code PatientContactChanged}
 * (the newest change wins); contact details are not kept here. Listens to intake's
 * patients topic, which carries no clinical section, never to {@link Topics#INTAKE}
 * (issue 18: PHI kept minimal); the other types there (such as
 * {@code Phq9BaselineRecorded}) are not needed here and are ignored.
 */
@Component
class IntakeEventsListener implements PatientsTopicEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final PatientSafety safety;

	private final ClinicScope clinicScope;

	IntakeEventsListener(Inbox inbox, PatientSafety safety, ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.inbox = inbox;
		this.safety = safety;
	}

	@KafkaListener(topics = Topics.PATIENTS)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(PatientsTopicEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(PatientContactChanged contact, IncomingEvent event) {
		this.safety.consentChanged(contact.patientId().value(),
				contact.consents() != null && contact.consents().treatment(), contact.changedAt(),
				this.clinicScope.orDefault(contact.clinicId()));
	}

	@Override
	public void on(Phq9BaselineRecorded baseline, IncomingEvent event) {
		// the baseline is follow-up's, for judging the course; no booking depends on it
	}

}
