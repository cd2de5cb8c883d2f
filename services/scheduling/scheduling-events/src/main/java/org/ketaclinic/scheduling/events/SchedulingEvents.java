package org.ketaclinic.scheduling.events;

import java.util.List;

import org.ketaclinic.events.EventType;

/**
 * The registry of the events this service publishes: each type's name, version, topics
 * and record. Its schema and golden sample are {@code schemas/} and {@code samples/}
 * {@link EventType#fileName()} beside it.
 */
public final class SchedulingEvents {

	/** {@link TreatmentPlanCreated}, on {@link Topics#SCHEDULING}. */
	public static final EventType TREATMENT_PLAN_CREATED = EventType.of(EventTypes.TREATMENT_PLAN_CREATED,
			TreatmentPlanCreated.class, Topics.SCHEDULING);

	/** {@link SessionBooked}, on {@link Topics#SCHEDULING}. */
	public static final EventType SESSION_BOOKED = EventType.of(EventTypes.SESSION_BOOKED, SessionBooked.class,
			Topics.SCHEDULING);

	/** {@link SessionRescheduled}, on {@link Topics#SCHEDULING}. */
	public static final EventType SESSION_RESCHEDULED = EventType.of(EventTypes.SESSION_RESCHEDULED,
			SessionRescheduled.class, Topics.SCHEDULING);

	/** {@link SessionCancelled}, on {@link Topics#SCHEDULING}. */
	public static final EventType SESSION_CANCELLED = EventType.of(EventTypes.SESSION_CANCELLED, SessionCancelled.class,
			Topics.SCHEDULING);

	/** {@link SessionMissed}, on {@link Topics#SCHEDULING}. */
	public static final EventType SESSION_MISSED = EventType.of(EventTypes.SESSION_MISSED, SessionMissed.class,
			Topics.SCHEDULING);

	/** {@link SessionCompleted}, on {@link Topics#SCHEDULING}. */
	public static final EventType SESSION_COMPLETED = EventType.of(EventTypes.SESSION_COMPLETED, SessionCompleted.class,
			Topics.SCHEDULING);

	/** {@link SessionStatusCorrected}, on {@link Topics#SCHEDULING}. */
	public static final EventType SESSION_STATUS_CORRECTED = EventType.of(EventTypes.SESSION_STATUS_CORRECTED,
			SessionStatusCorrected.class, Topics.SCHEDULING);

	/** {@link PreDoseConcernRaised}, on {@link Topics#SCHEDULING}. */
	public static final EventType PRE_DOSE_CONCERN_RAISED = EventType.of(EventTypes.PRE_DOSE_CONCERN_RAISED,
			PreDoseConcernRaised.class, Topics.SCHEDULING);

	/** {@link TreatmentPlanStopped}, on {@link Topics#SCHEDULING}. */
	public static final EventType TREATMENT_PLAN_STOPPED = EventType.of(EventTypes.TREATMENT_PLAN_STOPPED,
			TreatmentPlanStopped.class, Topics.SCHEDULING);

	/** {@link BoosterProposed}, on {@link Topics#SCHEDULING}. */
	public static final EventType BOOSTER_PROPOSED = EventType.of(EventTypes.BOOSTER_PROPOSED, BoosterProposed.class,
			Topics.SCHEDULING);

	/** The types on {@link Topics#SCHEDULING}. */
	public static final List<EventType> ON_SCHEDULING = List.of(TREATMENT_PLAN_CREATED, SESSION_BOOKED,
			SESSION_RESCHEDULED, SESSION_CANCELLED, SESSION_MISSED, SESSION_COMPLETED, SESSION_STATUS_CORRECTED,
			PRE_DOSE_CONCERN_RAISED, TREATMENT_PLAN_STOPPED, BOOSTER_PROPOSED);

	/** Every type this service publishes. */
	public static final List<EventType> ALL = List.of(TREATMENT_PLAN_CREATED, SESSION_BOOKED, SESSION_RESCHEDULED,
			SESSION_CANCELLED, SESSION_MISSED, SESSION_COMPLETED, SESSION_STATUS_CORRECTED, PRE_DOSE_CONCERN_RAISED,
			TREATMENT_PLAN_STOPPED, BOOSTER_PROPOSED);

	private SchedulingEvents() {
	}

}
