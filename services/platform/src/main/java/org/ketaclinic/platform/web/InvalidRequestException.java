package org.ketaclinic.platform.web;

import java.util.List;

/**
 * A request whose fields break the service's rules; answered 400 with each field named.
 */
public class InvalidRequestException extends RuntimeException {

	private final transient List<FieldError> errors;

	public InvalidRequestException(List<FieldError> errors) {
		super("invalid fields: " + errors.stream().map(FieldError::field).toList());
		this.errors = List.copyOf(errors);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
