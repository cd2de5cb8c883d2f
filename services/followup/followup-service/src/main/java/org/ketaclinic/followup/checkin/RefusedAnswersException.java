package org.ketaclinic.followup.checkin;

import java.util.List;

import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;

/**
 * Check-in answers refused with 400, each faulty field named. When they held a positive
 * risk answer, the urgent alert was raised all the same and the patient must be shown the
 * crisis resources, which the problem carries as {@code crisisResources}.
 */
public class RefusedAnswersException extends InvalidRequestException {

	private final String crisisResources;

	RefusedAnswersException(List<FieldError> errors, String crisisResources) {
		super(errors);
		this.crisisResources = crisisResources;
	}

	/**
	 * What the patient must be shown at once, or null if nothing they answered is urgent.
	 */
	public String crisisResources() {
		return this.crisisResources;
	}

}
