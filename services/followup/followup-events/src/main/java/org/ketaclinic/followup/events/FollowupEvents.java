package org.ketaclinic.followup.events;

import java.util.List;

import org.ketaclinic.events.EventType;

/**
 * The registry of the events this service publishes: each type's name, version, topics
 * and record. Its schema and golden sample are {@code schemas/} and {@code samples/}
 * {@link EventType#fileName()} beside it.
 */
public final class FollowupEvents {

	/** {@link CheckInCompleted}, on {@link Topics#FOLLOWUP}. */
	public static final EventType CHECK_IN_COMPLETED = EventType.of(EventTypes.CHECK_IN_COMPLETED,
			CheckInCompleted.class, Topics.FOLLOWUP);

	/** {@link RelapseRiskDetected}, on {@link Topics#FOLLOWUP}. */
	public static final EventType RELAPSE_RISK_DETECTED = EventType.of(EventTypes.RELAPSE_RISK_DETECTED,
			RelapseRiskDetected.class, Topics.FOLLOWUP);

	/** {@link AdverseEffectReported}, on {@link Topics#FOLLOWUP}. */
	public static final EventType ADVERSE_EFFECT_REPORTED = EventType.of(EventTypes.ADVERSE_EFFECT_REPORTED,
			AdverseEffectReported.class, Topics.FOLLOWUP);

	/** {@link MessageUndeliverable}, on {@link Topics#FOLLOWUP}. */
	public static final EventType MESSAGE_UNDELIVERABLE = EventType.of(EventTypes.MESSAGE_UNDELIVERABLE,
			MessageUndeliverable.class, Topics.FOLLOWUP);

	/** {@link UrgentAlertRaised}, on {@link Topics#FOLLOWUP}. */
	public static final EventType URGENT_ALERT_RAISED = EventType.of(EventTypes.URGENT_ALERT_RAISED,
			UrgentAlertRaised.class, Topics.FOLLOWUP);

	/** {@link UrgentAlertAcknowledged}, on {@link Topics#FOLLOWUP}. */
	public static final EventType URGENT_ALERT_ACKNOWLEDGED = EventType.of(EventTypes.URGENT_ALERT_ACKNOWLEDGED,
			UrgentAlertAcknowledged.class, Topics.FOLLOWUP);

	/** The types on {@link Topics#FOLLOWUP}. */
	public static final List<EventType> ON_FOLLOWUP = List.of(CHECK_IN_COMPLETED, RELAPSE_RISK_DETECTED,
			ADVERSE_EFFECT_REPORTED, MESSAGE_UNDELIVERABLE, URGENT_ALERT_RAISED, URGENT_ALERT_ACKNOWLEDGED);

	/** Every type this service publishes. */
	public static final List<EventType> ALL = List.of(CHECK_IN_COMPLETED, RELAPSE_RISK_DETECTED,
			ADVERSE_EFFECT_REPORTED, MESSAGE_UNDELIVERABLE, URGENT_ALERT_RAISED, URGENT_ALERT_ACKNOWLEDGED);

	private FollowupEvents() {
	}

}
