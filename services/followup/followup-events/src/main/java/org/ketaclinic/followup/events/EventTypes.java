package org.ketaclinic.followup.events;

/**
 * The stable, versioned CloudEvents types the followup service publishes. A breaking
 * change is a new {@code .v2} type published beside the old one, never an edit of these
 * strings.
 */
public final class EventTypes {

	/** Type of {@code CheckInCompleted} events, version 1. */
	public static final String CHECK_IN_COMPLETED = "org.ketaclinic.followup.CheckInCompleted.v1";

	/** Type of {@code RelapseRiskDetected} events, version 1. */
	public static final String RELAPSE_RISK_DETECTED = "org.ketaclinic.followup.RelapseRiskDetected.v1";

	/** Type of {@code AdverseEffectReported} events, version 1. */
	public static final String ADVERSE_EFFECT_REPORTED = "org.ketaclinic.followup.AdverseEffectReported.v1";

	/** Type of {@code MessageUndeliverable} events, version 1. */
	public static final String MESSAGE_UNDELIVERABLE = "org.ketaclinic.followup.MessageUndeliverable.v1";

	/** Type of {@code UrgentAlertRaised} events, version 1. */
	public static final String URGENT_ALERT_RAISED = "org.ketaclinic.followup.UrgentAlertRaised.v1";

	/** Type of {@code UrgentAlertAcknowledged} events, version 1. */
	public static final String URGENT_ALERT_ACKNOWLEDGED = "org.ketaclinic.followup.UrgentAlertAcknowledged.v1";

	private EventTypes() {
	}

}
