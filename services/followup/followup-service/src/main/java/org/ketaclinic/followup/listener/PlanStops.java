package org.ketaclinic.followup.listener;

import org.ketaclinic.scheduling.events.StopReason;
import org.ketaclinic.scheduling.events.TreatmentPlanStopped;

/** The front desk's words for a stopped plan. */
final class PlanStops {

	private PlanStops() {
	}

	/** "Call the patient: 3 future sessions cancelled because ...". */
	static String task(TreatmentPlanStopped stopped) {
		int cancelled = (stopped.cancelledSessionIds() != null) ? stopped.cancelledSessionIds().size() : 0;
		return "Call the patient: " + cancelled + " future " + ((cancelled == 1) ? "session" : "sessions")
				+ " cancelled because " + why(stopped.reasonCode()) + ".";
	}

	private static String why(StopReason reason) {
		if (reason == null) {
			return "their plan stopped";
		}
		return switch (reason) {
			case APPROVAL_WITHDRAWN -> "the patient withdrew their intake";
			case APPROVAL_SUPERSEDED -> "a newer assessment replaced the approval";
			case URGENT_FINDING -> "a new assessment needs a clinician's review first";
			case PLAN_CANCELLED -> "a clinician cancelled the plan";
			case REVIEW_EXPIRED -> "the approval is older than the maintenance review period";
		};
	}

}
