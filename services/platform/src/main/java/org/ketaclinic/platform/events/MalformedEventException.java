package org.ketaclinic.platform.events;

/**
 * A message that can never be processed as it is: missing or invalid CloudEvents headers,
 * a body that is not JSON, or data that breaks the event type's JSON Schema. Not retried:
 * it goes straight to the dead-letter topic. Messages name headers, fields and paths,
 * never values, which may be patient data.
 */
public class MalformedEventException extends RuntimeException {

	public MalformedEventException(String message) {
		super(message);
	}

	public MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
