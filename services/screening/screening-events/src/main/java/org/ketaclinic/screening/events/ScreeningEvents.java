package org.ketaclinic.screening.events;

import java.util.List;

import org.ketaclinic.events.EventType;

/**
 * The registry of the events this service publishes: each type's name, version, topics
 * and record. Its schema and golden sample are {@code schemas/} and {@code samples/}
 * {@link EventType#fileName()} beside it.
 */
public final class ScreeningEvents {

	/** {@link ScreeningAssessed}, on {@link Topics#SCREENING}. */
	public static final EventType SCREENING_ASSESSED = EventType.of(EventTypes.SCREENING_ASSESSED,
			ScreeningAssessed.class, Topics.SCREENING);

	/** {@link UrgentReviewRequested}, on {@link Topics#SCREENING}. */
	public static final EventType URGENT_REVIEW_REQUESTED = EventType.of(EventTypes.URGENT_REVIEW_REQUESTED,
			UrgentReviewRequested.class, Topics.SCREENING);

	/** {@link ScreeningDecided}, on {@link Topics#SCREENING}. */
	public static final EventType SCREENING_DECIDED = EventType.of(EventTypes.SCREENING_DECIDED, ScreeningDecided.class,
			Topics.SCREENING);

	/** {@link ApprovalWithdrawn}, on {@link Topics#SCREENING}. */
	public static final EventType APPROVAL_WITHDRAWN = EventType.of(EventTypes.APPROVAL_WITHDRAWN,
			ApprovalWithdrawn.class, Topics.SCREENING);

	/** The types on {@link Topics#SCREENING}. */
	public static final List<EventType> ON_SCREENING = List.of(SCREENING_ASSESSED, URGENT_REVIEW_REQUESTED,
			SCREENING_DECIDED, APPROVAL_WITHDRAWN);

	/** Every type this service publishes. */
	public static final List<EventType> ALL = List.of(SCREENING_ASSESSED, URGENT_REVIEW_REQUESTED, SCREENING_DECIDED,
			APPROVAL_WITHDRAWN);

	private ScreeningEvents() {
	}

}
