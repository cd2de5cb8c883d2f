package org.ketaclinic.scheduling.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a patient may not be checked in, started or dosed, and what a session needs before
 * its dose may start. Plain Java: the facts are gathered elsewhere.
 */
public final class DosingHolds {

	private DosingHolds() {
	}

	/**
	 * Why the patient's session may not be checked in, started or completed now; empty
	 * when nothing holds it.
	 */
	public static List<String> holds(Facts facts) {
		List<String> holds = new ArrayList<>();
		if (!"ACTIVE".equals(facts.planStatus())) {
			holds.add("the treatment plan is " + facts.planStatus().toLowerCase() + ", not active");
		}
		if (!facts.consentedToTreatment()) {
			holds.add("the patient has not consented to treatment");
		}
		if (facts.openUrgentFindings() > 0) {
			holds.add("an urgent screening finding awaits a clinician's decision");
		}
		if (facts.openUrgentAlerts() > 0) {
			holds.add("an urgent alert has not been acknowledged by a clinician");
		}
		if (facts.latestConcernAt() != null && facts.concernAcknowledgedAt() == null) {
			holds.add("a positive pre-dose safety check awaits the on-call clinician's acknowledgement");
		}
		return holds;
	}

	/**
	 * Why a checked-in session may not start now: the holds, then what its latest
	 * pre-dose check says. Empty when it may start.
	 * @param check the session's latest pre-dose check, or null if none was recorded
	 */
	public static List<String> startRefusals(Facts facts, PreDoseCheck check) {
		List<String> refusals = new ArrayList<>(holds(facts));
		if (check == null) {
			refusals.add("record the pre-dose check (vitals, safety questions, escort) before starting");
			return refusals;
		}
		if (!check.concerns().isEmpty()) {
			refusals.add("the dose is held: the pre-dose safety check was positive " + check.concerns()
					+ " and the on-call clinician is paged");
		}
		switch (check.gate()) {
			case "URGENT_DEFERRAL" -> refusals
				.add("blood pressure is in the severe range: the session cannot start; same-day medical review");
			case "DEFERRED" ->
				refusals.add("blood pressure above " + check.deferLimit() + " mmHg: the session cannot start today");
			case "PRESCRIBER_CONFIRMATION_REQUIRED" -> {
				if (!check.prescriberConfirmed()) {
					refusals.add("blood pressure is elevated: a prescriber must confirm before starting");
				}
			}
			default -> {
				// CLEAR
			}
		}
		if (!check.escortConfirmed()) {
			refusals.add("confirm before dosing that an escort will take the patient home");
		}
		if (facts.latestConcernAt() != null && facts.concernAcknowledgedAt() != null
				&& !check.recordedAt().isAfter(facts.concernAcknowledgedAt())) {
			refusals.add("record a new pre-dose check after the urgent alert was acknowledged");
		}
		return refusals;
	}

	/**
	 * Why a booster may not be checked in or started: the approval it stands on is older
	 * than the maintenance review period (clinical-criteria.md §4, 90 days). Empty for an
	 * induction or a booster on a current approval.
	 * @param kind the plan's kind, {@code INDUCTION} or {@code BOOSTER}
	 * @param approvedAt when the approval it stands on was given (null: unknown, so due)
	 * @param now now
	 * @param reviewEveryDays the maintenance review period in days
	 */
	public static Optional<String> reviewDue(String kind, Instant approvedAt, Instant now, int reviewEveryDays) {
		if (!"BOOSTER".equals(kind)) {
			return Optional.empty();
		}
		if (approvedAt != null && !now.isAfter(approvedAt.plus(Duration.ofDays(reviewEveryDays)))) {
			return Optional.empty();
		}
		if (approvedAt == null) {
			return Optional.of("the approval this booster stands on is unknown: the patient needs a fresh clinician"
					+ " review (a new screening approval) before dosing");
		}
		return Optional.of("the approval this booster stands on is more than " + reviewEveryDays
				+ " days old: the patient needs a fresh clinician review (a new screening approval) before dosing");
	}

	/**
	 * What is known about a patient and a plan when a session is to go ahead.
	 *
	 * @param planStatus the session's plan: {@code ACTIVE}, {@code COMPLETED} or
	 * {@code CANCELLED}
	 * @param consentedToTreatment whether intake last said the patient consents to
	 * treatment (never heard: false)
	 * @param openUrgentFindings urgent screening outcomes not yet decided by a clinician
	 * @param openUrgentAlerts urgent alerts raised and not yet acknowledged
	 * @param latestConcernAt when the patient's latest positive pre-dose check was
	 * recorded, or null
	 * @param concernAcknowledgedAt when the urgent alert raised for that check (after it)
	 * was acknowledged, as this service heard it, or null
	 */
	public record Facts(String planStatus, boolean consentedToTreatment, int openUrgentFindings, int openUrgentAlerts,
			Instant latestConcernAt, Instant concernAcknowledgedAt) {
	}

	/**
	 * A session's latest pre-dose check.
	 *
	 * @param recordedAt when it was recorded
	 * @param gate the blood-pressure gate's verdict
	 * @param prescriberConfirmed whether a signed-in clinician confirmed an elevated
	 * pressure
	 * @param escortConfirmed whether an escort was confirmed before dosing
	 * @param concerns the positive safety answers' reason codes (and
	 * {@code SEVERE_BLOOD_PRESSURE})
	 * @param deferLimit the deferral threshold, for the message (e.g. {@code 180/100})
	 */
	public record PreDoseCheck(Instant recordedAt, String gate, boolean prescriberConfirmed, boolean escortConfirmed,
			List<String> concerns, String deferLimit) {
	}

}
