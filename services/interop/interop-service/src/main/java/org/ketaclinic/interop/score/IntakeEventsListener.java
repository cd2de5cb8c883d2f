package org.ketaclinic.interop.score;

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

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The PHQ-9 total of each intake (and of its amendments) for the FHIR Observations. */
@Component
class IntakeEventsListener implements IntakeTopicEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final Phq9Scores scores;

	private final ClinicScope clinicScope;

	IntakeEventsListener(Inbox inbox, Phq9Scores scores, ClinicScope clinicScope) {
		this.inbox = inbox;
		this.scores = scores;
		this.clinicScope = clinicScope;
	}

	@KafkaListener(topics = Topics.INTAKE)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(IntakeTopicEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(IntakeSubmitted submitted, IncomingEvent event) {
		if (submitted.clinical() != null && submitted.clinical().phq9Total() != null) {
			this.scores.record(submitted.submissionId().value(), submitted.patientId().value(),
					this.clinicScope.orDefault(submitted.clinicId()), Phq9Scores.Source.INTAKE, submitted.version(),
					submitted.clinical().phq9Total(), submitted.submittedAt());
		}
	}

	@Override
	public void on(IntakeAmended amended, IncomingEvent event) {
		if (amended.clinical() != null && amended.clinical().phq9Total() != null) {
			this.scores.record(amended.submissionId().value(), amended.patientId().value(),
					this.clinicScope.orDefault(amended.clinicId()), Phq9Scores.Source.INTAKE, amended.version(),
					amended.clinical().phq9Total(), amended.amendedAt());
		}
	}

	@Override
	public void on(IntakeWithdrawn withdrawn, IncomingEvent event) {
		// a withdrawn referral's answers were still given: its score stays in the course
	}

	@Override
	public void on(PatientContactChanged changed, IncomingEvent event) {
		// the Patient's telecom and the Consents come with a later slice (ADR 18)
	}

}
