package org.ketaclinic.interop.score;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.PatientsTopicEvent;
import org.ketaclinic.intake.events.Phq9BaselineRecorded;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.interop.patient.Patients;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.inbox.StaleEvents;
import org.ketaclinic.platform.security.ClinicScope;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The PHQ-9 total each intake recorded (and each amendment of it) and how to reach each
 * patient, from intake's patients topic: interop never reads the intake topic, which
 * carries the clinical section for screening alone (issue 18, ADR 18).
 */
@Component
class PatientsEventsListener implements PatientsTopicEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final Phq9Scores scores;

	private final Patients patients;

	private final ClinicScope clinicScope;

	private final StaleEvents staleEvents;

	PatientsEventsListener(Inbox inbox, Phq9Scores scores, Patients patients, ClinicScope clinicScope,
			StaleEvents staleEvents) {
		this.inbox = inbox;
		this.scores = scores;
		this.patients = patients;
		this.clinicScope = clinicScope;
		this.staleEvents = staleEvents;
	}

	@KafkaListener(topics = Topics.PATIENTS)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(PatientsTopicEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(Phq9BaselineRecorded baseline, IncomingEvent event) {
		// a null total: an amendment left the PHQ-9 incomplete, and the total recorded
		// before no longer stands
		if (!this.scores.record(baseline.submissionId().value(), baseline.patientId().value(),
				this.clinicScope.orDefault(baseline.clinicId()), Phq9Scores.Source.INTAKE, baseline.version(),
				baseline.phq9Total(), baseline.recordedAt())) {
			this.staleEvents.ignored(event, (long) baseline.version());
		}
	}

	@Override
	public void on(PatientContactChanged changed, IncomingEvent event) {
		// the Patient's telecom (the Consents come with a later slice, ADR 18)
		if (!this.patients.recordContact(changed.patientId().value(), this.clinicScope.orDefault(changed.clinicId()),
				changed.phone(), changed.email(), changed.changedAt())) {
			this.staleEvents.ignored(event, changed.changedAt().toEpochMilli());
		}
	}

}
