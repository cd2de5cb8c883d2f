package org.ketaclinic.followup.checkin;

/** A check-in link that was used, has expired, or is no longer needed: 410. */
public class LinkGoneException extends RuntimeException {

	public LinkGoneException(String message) {
		super(message);
	}

}
