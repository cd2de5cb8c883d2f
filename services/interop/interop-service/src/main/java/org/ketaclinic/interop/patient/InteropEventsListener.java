package org.ketaclinic.interop.patient;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.intake.events.IntakeQuestionnairesAnswered;
import org.ketaclinic.intake.events.InteropTopicEvent;
import org.ketaclinic.intake.events.PatientDemographicsChanged;
import org.ketaclinic.intake.events.Topics;
import org.ketaclinic.interop.answers.QuestionnaireAnswers;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.inbox.StaleEvents;
import org.ketaclinic.platform.security.ClinicScope;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Who each patient is and what their intake's questionnaires answered, from intake's
 * interop topic: the topic only this service reads (ADR 18).
 */
@Component
class InteropEventsListener implements InteropTopicEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final Patients patients;

	private final QuestionnaireAnswers answers;

	private final ClinicScope clinicScope;

	private final StaleEvents staleEvents;

	InteropEventsListener(Inbox inbox, Patients patients, QuestionnaireAnswers answers, ClinicScope clinicScope,
			StaleEvents staleEvents) {
		this.inbox = inbox;
		this.patients = patients;
		this.answers = answers;
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

	@Override
	public void on(IntakeQuestionnairesAnswered answered, IncomingEvent event) {
		if (!this.answers.record(new QuestionnaireAnswers.Answers(answered.submissionId().value(),
				answered.patientId().value(), this.clinicScope.orDefault(answered.clinicId()), answered.version(),
				answered.phq9Items(), answered.phq9Total(), answered.phq9Item9(), screener(answered.cssrs()), false,
				answered.answeredAt(), answered.answeredAt()))) {
			this.staleEvents.ignored(event, (long) answered.version());
		}
	}

	/**
	 * The screener's answers by question, in the order asked; null when not administered.
	 */
	private static Map<String, Boolean> screener(ClinicalSection.Cssrs cssrs) {
		if (cssrs == null) {
			return null;
		}
		Map<String, Boolean> byQuestion = new LinkedHashMap<>();
		for (RecordComponent question : ClinicalSection.Cssrs.class.getRecordComponents()) {
			try {
				byQuestion.put(question.getName(), (Boolean) question.getAccessor().invoke(cssrs));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return byQuestion;
	}

}
