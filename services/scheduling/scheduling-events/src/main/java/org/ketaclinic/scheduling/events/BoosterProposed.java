package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.ProposalId;

/**
 * Follow-up saw the effect fading: a booster is proposed for a clinician to approve or
 * decline.
 *
 * @param patientId the patient
 * @param proposalId the proposal
 * @param protocol the protocol of the patient's treatment
 * @param reasons why, from follow-up: e.g. {@code LOSS_OF_RESPONSE}
 * @param earliestDate the first day a booster may be given (the minimum interval after
 * the last session)
 * @param proposedAt when
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 */
public record BoosterProposed(PatientId patientId, ProposalId proposalId, Protocol protocol, List<String> reasons,
		LocalDate earliestDate, Instant proposedAt, String clinicId) implements SchedulingEvent {

	@Override
	public EventType type() {
		return SchedulingEvents.BOOSTER_PROPOSED;
	}

	@Override
	public String subject() {
		return "booster/" + proposalId();
	}

	@Override
	public <C> void sendTo(SchedulingEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public BoosterProposed(PatientId patientId, ProposalId proposalId, Protocol protocol, List<String> reasons,
			LocalDate earliestDate, Instant proposedAt) {
		this(patientId, proposalId, protocol, reasons, earliestDate, proposedAt, null);
	}

}
