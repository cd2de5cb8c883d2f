package org.ketaclinic.interop.patient;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.intake.events.InteropTopicEvent;
import org.ketaclinic.intake.events.PatientDemographicsChanged;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.inbox.StaleEvents;
import org.ketaclinic.platform.security.ClinicScope;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Who each patient is, from intake's interop topic: the topic only this service reads
 * (ADR 18).
 */
@Component
class InteropEventsListener implements InteropTopicEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final Patients patients;

	private final ClinicScope clinicScope;

	private final StaleEvents staleEvents;

	InteropEventsListener(Inbox inbox, Patients patients, ClinicScope clinicScope, StaleEvents staleEvents) {
		this.inbox = inbox;
		this.patients = patients;
		this.clinicScope = clinicScope;
		this.staleEvents = staleEvents;
	}

	@KafkaListener(topics = Topics.INTEROP)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(InteropTopicEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(PatientDemographicsChanged changed, IncomingEvent event) {
		if (!this.patients.recordDemographics(changed.patientId().value(),
				this.clinicScope.orDefault(changed.clinicId()), changed.familyName(), changed.givenName(),
				changed.dateOfBirth(), changed.changedAt())) {
			this.staleEvents.ignored(event, changed.changedAt().toEpochMilli());
		}
	}

}
