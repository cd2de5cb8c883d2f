package org.ketaclinic.followup.listener;

import java.util.Map;

import org.ketaclinic.scheduling.events.TreatmentPlanStopped;

/** The front desk's words for a stopped plan. */
final class PlanStops {

	private static final Map<String, String> WHY = Map.of("APPROVAL_WITHDRAWN", "the patient withdrew their intake",
			"APPROVAL_SUPERSEDED", "a newer assessment replaced the approval", "URGENT_FINDING",
			"a new assessment needs a clinician's review first", "PLAN_CANCELLED", "a clinician cancelled the plan",
			"REVIEW_EXPIRED", "the approval is older than the maintenance review period");

	private PlanStops() {
	}

	/** "Call the patient: 3 future sessions cancelled because ...". */
	static String task(TreatmentPlanStopped stopped) {
		int cancelled = (stopped.cancelledSessionIds() != null) ? stopped.cancelledSessionIds().size() : 0;
		return "Call the patient: " + cancelled + " future " + ((cancelled == 1) ? "session" : "sessions")
				+ " cancelled because " + WHY.getOrDefault(stopped.reasonCode(), "their plan stopped") + ".";
	}

}
