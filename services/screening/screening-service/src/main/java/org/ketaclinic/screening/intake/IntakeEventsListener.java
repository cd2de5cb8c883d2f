package org.ketaclinic.screening.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.intake.events.IntakeAmended;
import org.ketaclinic.intake.events.IntakeSubmitted;
import org.ketaclinic.intake.events.IntakeTopicEvent;
import org.ketaclinic.intake.events.IntakeWithdrawn;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.screening.assessment.AssessingIntakes;
import org.ketaclinic.screening.consent.TreatmentConsents;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Assesses each submitted or amended intake once, drops withdrawn ones from the queue,
 * and keeps each patient's consent to treatment, which an approval needs.
 */
@Component
class IntakeEventsListener implements IntakeTopicEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final AssessingIntakes assessing;

	private final TreatmentConsents consents;

	private final ClinicScope clinicScope;

	IntakeEventsListener(Inbox inbox, AssessingIntakes assessing, TreatmentConsents consents, ClinicScope clinicScope) {
		this.inbox = inbox;
		this.assessing = assessing;
		this.consents = consents;
		this.clinicScope = clinicScope;
	}

	@KafkaListener(topics = Topics.INTAKE)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(IntakeTopicEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(IntakeSubmitted submitted, IncomingEvent event) {
		this.assessing.assess(submitted.patientId().value(), submitted.submissionId().value(), submitted.version(),
				ScreeningInputs.from(submitted.clinical()), this.clinicScope.orDefault(submitted.clinicId()));
	}

	@Override
	public void on(IntakeAmended amended, IncomingEvent event) {
		this.assessing.assess(amended.patientId().value(), amended.submissionId().value(), amended.version(),
				ScreeningInputs.from(amended.clinical()), this.clinicScope.orDefault(amended.clinicId()));
	}

	@Override
	public void on(IntakeWithdrawn withdrawn, IncomingEvent event) {
		this.assessing.withdraw(withdrawn.submissionId().value());
	}

	@Override
	public void on(PatientContactChanged changed, IncomingEvent event) {
		// only the consent to treatment is screening's business; contact details stay
		// with intake and follow-up
		this.consents.record(changed.patientId().value(), changed.consents().treatment(), changed.changedAt(),
				this.clinicScope.orDefault(changed.clinicId()));
	}

}
