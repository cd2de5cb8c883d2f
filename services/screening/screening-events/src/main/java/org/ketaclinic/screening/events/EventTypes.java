package org.ketaclinic.screening.events;

/**
 * The stable, versioned CloudEvents types the screening service publishes. A breaking
 * change is a new {@code .v2} type published beside the old one, never an edit of these
 * strings.
 */
public final class EventTypes {

	/** Type of {@code ScreeningAssessed} events, version 1. */
	public static final String SCREENING_ASSESSED = "org.ketaclinic.screening.ScreeningAssessed.v1";

	/** Type of {@code ScreeningDecided} events, version 1. */
	public static final String SCREENING_DECIDED = "org.ketaclinic.screening.ScreeningDecided.v1";

	/** Type of {@code UrgentReviewRequested} events, version 1. */
	public static final String URGENT_REVIEW_REQUESTED = "org.ketaclinic.screening.UrgentReviewRequested.v1";

	/** Type of {@code ApprovalWithdrawn} events, version 1. */
	public static final String APPROVAL_WITHDRAWN = "org.ketaclinic.screening.ApprovalWithdrawn.v1";

	private EventTypes() {
	}

}
