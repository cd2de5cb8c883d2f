package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

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
 */
public record BoosterProposed(UUID patientId, UUID proposalId, String protocol, List<String> reasons,
		LocalDate earliestDate, Instant proposedAt) {

}
