package org.ketaclinic.platform.web;

/**
 * The request clashes with the current state (already decided, slot taken, ...); answered
 * 409.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
