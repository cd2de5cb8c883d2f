package org.ketaclinic.intake.patient;

import java.time.Instant;

/**
 * A patient's consents as they stand, each with when, by whom and under which text
 * version it was captured.
 *
 * @param treatment consent to treatment
 * @param sms consent to SMS messages
 * @param email consent to email messages
 */
public record Consents(Consent treatment, Consent sms, Consent email) {

	/**
	 * One consent.
	 *
	 * @param granted whether it was given
	 * @param textVersion the version of the consent text
	 * @param capturedBy the member of staff who recorded it
	 * @param capturedAt when
	 */
	public record Consent(boolean granted, String textVersion, String capturedBy, Instant capturedAt) {
	}

	/** The kinds of consent. */
	public enum Kind {

		TREATMENT, SMS, EMAIL

	}

}
