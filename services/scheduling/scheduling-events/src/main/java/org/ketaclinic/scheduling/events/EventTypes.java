package org.ketaclinic.scheduling.events;

/**
 * The stable, versioned CloudEvents types the scheduling service publishes. A breaking
 * change is a new {@code .v2} type published beside the old one, never an edit of these
 * strings.
 */
public final class EventTypes {

	/** Type of {@code TreatmentPlanCreated} events, version 1. */
	public static final String TREATMENT_PLAN_CREATED = "org.ketaclinic.scheduling.TreatmentPlanCreated.v1";

	/** Type of {@code SessionBooked} events, version 1. */
	public static final String SESSION_BOOKED = "org.ketaclinic.scheduling.SessionBooked.v1";

	/** Type of {@code SessionRescheduled} events, version 1. */
	public static final String SESSION_RESCHEDULED = "org.ketaclinic.scheduling.SessionRescheduled.v1";

	/** Type of {@code SessionCancelled} events, version 1. */
	public static final String SESSION_CANCELLED = "org.ketaclinic.scheduling.SessionCancelled.v1";

	/** Type of {@code SessionCompleted} events, version 1. */
	public static final String SESSION_COMPLETED = "org.ketaclinic.scheduling.SessionCompleted.v1";

	/** Type of {@code SessionMissed} events, version 1. */
	public static final String SESSION_MISSED = "org.ketaclinic.scheduling.SessionMissed.v1";

	/** Type of {@code BoosterProposed} events, version 1. */
	public static final String BOOSTER_PROPOSED = "org.ketaclinic.scheduling.BoosterProposed.v1";

	/** Type of {@code SessionStatusCorrected} events, version 1. */
	public static final String SESSION_STATUS_CORRECTED = "org.ketaclinic.scheduling.SessionStatusCorrected.v1";

	/** Type of {@code PreDoseConcernRaised} events, version 1. */
	public static final String PRE_DOSE_CONCERN_RAISED = "org.ketaclinic.scheduling.PreDoseConcernRaised.v1";

	/** Type of {@code TreatmentPlanStopped} events, version 1. */
	public static final String TREATMENT_PLAN_STOPPED = "org.ketaclinic.scheduling.TreatmentPlanStopped.v1";

	private EventTypes() {
	}

}
