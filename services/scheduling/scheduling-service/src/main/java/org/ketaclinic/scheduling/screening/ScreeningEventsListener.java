package org.ketaclinic.scheduling.screening;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.platform.events.IncomingEvent;
import org.ketaclinic.platform.inbox.Inbox;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.scheduling.booking.StoppingPlans;
import org.ketaclinic.scheduling.plan.PlanningTreatment;
import org.ketaclinic.scheduling.safety.PatientSafety;
import org.ketaclinic.screening.events.ApprovalWithdrawn;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.Outcome;
import org.ketaclinic.screening.events.ScreeningAssessed;
import org.ketaclinic.screening.events.ScreeningDecided;
import org.ketaclinic.screening.events.ScreeningEvent;
import org.ketaclinic.screening.events.Topics;
import org.ketaclinic.screening.events.UrgentReviewRequested;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * An approval with a protocol creates a treatment plan. An approval superseded by a newer
 * assessment or withdrawn with its intake stops the plans standing on it; a new urgent
 * assessment stops every plan of the patient made before it and holds their dosing until
 * a clinician decides it or a later assessment, or an amendment's assessment supersedes
 * it.
 */
@Component
class ScreeningEventsListener implements ScreeningEvent.Handler<IncomingEvent> {

	private final Inbox inbox;

	private final PlanningTreatment planning;

	private final StoppingPlans stopping;

	private final PatientSafety safety;

	private final ClinicScope clinicScope;

	ScreeningEventsListener(Inbox inbox, PlanningTreatment planning, StoppingPlans stopping, PatientSafety safety,
			ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.inbox = inbox;
		this.planning = planning;
		this.stopping = stopping;
		this.safety = safety;
	}

	@KafkaListener(topics = Topics.SCREENING)
	void on(ConsumerRecord<String, byte[]> record) {
		this.inbox.receive(record,
				(event) -> event.as(ScreeningEvent.FAMILY).ifPresent((known) -> known.sendTo(this, event)));
	}

	@Override
	public void on(ScreeningAssessed assessed, IncomingEvent event) {
		String clinicId = this.clinicScope.orDefault(assessed.clinicId());
		boolean open = this.safety.assessed(assessed.assessmentId().value(), assessed.patientId().value(),
				assessed.assessedAt(), assessed.outcome() == Outcome.URGENT_SAME_DAY_REVIEW, clinicId);
		if (assessed.supersedesAssessmentId() != null) {
			// the new assessment is not approved yet: the old approval no longer stands;
			// the old finding stays open until a clinician decides
			this.safety.superseded(assessed.supersedesAssessmentId().value(), assessed.patientId().value(),
					assessed.assessedAt());
			this.stopping.approvalNoLongerStands(assessed.supersedesAssessmentId().value(), "APPROVAL_SUPERSEDED");
		}
		if (open && assessed.outcome() == Outcome.URGENT_SAME_DAY_REVIEW) {
			// heard late or again for an assessment decided or superseded already:
			// nothing to open, nothing to stop
			this.safety.urgentFinding(assessed.assessmentId().value(), assessed.patientId().value(),
					assessed.assessedAt(), clinicId);
			this.stopping.urgentFinding(assessed.patientId().value(), assessed.assessedAt());
		}
	}

	@Override
	public void on(UrgentReviewRequested urgent, IncomingEvent event) {
		// the doses are held on ScreeningAssessed's outcome; follow-up pages the
		// clinician
	}

	@Override
	public void on(ScreeningDecided decided, IncomingEvent event) {
		this.safety.assessmentDecided(decided.patientId().value(), decided.assessmentId().value(), decided.decidedAt(),
				decided.decision().name());
		if (decided.decision() == Decision.APPROVED && decided.protocol() != null) {
			this.planning.planInduction(decided.patientId().value(), decided.assessmentId().value(),
					decided.protocol().name(), decided.decidedAt(), this.clinicScope.orDefault(decided.clinicId()));
		}
	}

	@Override
	public void on(ApprovalWithdrawn withdrawn, IncomingEvent event) {
		this.stopping.approvalNoLongerStands(withdrawn.assessmentId().value(), "APPROVAL_WITHDRAWN");
	}

}
