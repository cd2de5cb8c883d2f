package org.ketaclinic.platform.web;

/**
 * The addressed resource does not exist (or is not visible to the caller); answered 404.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
