package org.ketaclinic.platform.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.ketaclinic.platform.audit.AuditEntry;
import org.ketaclinic.platform.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a service answers is an RFC 9457 problem; invalid input names each bad
 * field by its JSON path in an {@code errors} array of {@code {"field", "message"}}.
 * Messages never echo submitted values.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private final AuditLog audit;

	/**
	 * @param audit where refusals by method security (403) are recorded, if there is an
	 * audit log
	 */
	public ProblemDetailsAdvice(ObjectProvider<AuditLog> audit) {
		this.audit = audit.getIfAvailable();
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
		return respond(Problems.validation(ex.errors()));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
		List<FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldError(leaf(violation.getPropertyPath()), violation.getMessage()))
			.sorted(java.util.Comparator.comparing(FieldError::field))
			.toList();
		return respond(Problems.validation(errors));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return respond(Problems.validation(List.of(new FieldError(ex.getName(), "must be a valid " + expected))));
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return respond(Problems.problem(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, ex.getMessage()));
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
		return respond(Problems.problem(HttpStatus.CONFLICT, Problems.CONFLICT, ex.getMessage()));
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex) {
		log.warn("Request clashed with a database constraint: {}", ex.getClass().getSimpleName());
		return respond(Problems.problem(HttpStatus.CONFLICT, Problems.CONFLICT,
				"The request conflicts with the current state; reload and try again"));
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
	ResponseEntity<ProblemDetail> forbidden(RuntimeException ex, HttpServletRequest request) {
		if (this.audit != null) {
			this.audit.recordRefusal(AuditEntry.FORBIDDEN, request.getMethod(), request.getRequestURI());
		}
		return respond(
				Problems.problem(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Your role does not allow this action"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (Problems.isUnavailable(ex)) {
			// the message names the failure class only: driver messages can quote SQL
			log.warn("Database unavailable; answered 503 ({})", ex.getClass().getSimpleName());
			return Problems.unavailableResponse();
		}
		log.error("Unexpected failure", ex);
		return respond(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL,
				"An unexpected error occurred; it has been logged"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(Problems.validation(fieldErrors(ex.getBindingResult()))));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				if (error instanceof org.springframework.validation.FieldError fieldError) {
					errors.add(new FieldError(fieldError.getField(), fieldError.getDefaultMessage()));
				}
				else {
					errors.add(new FieldError(name, error.getDefaultMessage()));
				}
			}
		}
		return cast(respond(Problems.validation(errors)));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(Problems.validation(List.of(new FieldError(ex.getParameterName(), "is required")))));
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException ex) {
		return respond(Problems.validation(List.of(new FieldError(ex.getHeaderName(), "header is required"))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(Problems.validation(List.of(unreadable(ex)))));
	}

	static FieldError unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return new FieldError(path(unknown), "is not a known field");
		}
		if (cause instanceof InvalidFormatException invalid) {
			return new FieldError(path(invalid), "must be a valid " + typeName(invalid.getTargetType()));
		}
		if (cause instanceof MismatchedInputException mismatch) {
			return new FieldError(path(mismatch), "must be a " + typeName(mismatch.getTargetType()));
		}
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			return new FieldError(path(databind), "has an invalid value");
		}
		if (cause instanceof StreamReadException read && read.getLocation() != null) {
			return new FieldError("$", "is not valid JSON (line " + read.getLocation().getLineNr() + ", column "
					+ read.getLocation().getColumnNr() + ")");
		}
		return new FieldError("$", "the request body is missing or is not valid JSON");
	}

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "value";
		}
		if (type.isEnum()) {
			Object[] values = type.getEnumConstants();
			List<String> names = new ArrayList<>();
			for (Object value : values) {
				names.add(((Enum<?>) value).name());
			}
			return "value, one of " + names;
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "boolean (true or false)";
		}
		if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
			return "date or time in ISO-8601 form";
		}
		if (type == java.util.UUID.class) {
			return "UUID";
		}
		if (type == String.class) {
			return "string";
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "list";
		}
		return "object";
	}

	/**
	 * The JSON path of a Jackson failure, e.g. {@code clinical.cssrs.q4Intent} or
	 * {@code phq9Items[3]}.
	 */
	static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "$" : path.toString();
	}

	private static List<FieldError> fieldErrors(BindingResult result) {
		List<FieldError> errors = new ArrayList<>();
		result.getFieldErrors()
			.forEach((error) -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
		result.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
		errors.sort(java.util.Comparator.comparing(FieldError::field));
		return errors;
	}

	/**
	 * A violation's field: the bean property path if there is one, else the parameter
	 * name.
	 */
	private static String leaf(Path path) {
		StringBuilder properties = new StringBuilder();
		String parameter = null;
		for (Path.Node node : path) {
			switch (node.getKind()) {
				case PARAMETER -> parameter = node.getName();
				case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
					if (node.getName() != null && !node.getName().startsWith("<")) {
						if (!properties.isEmpty()) {
							properties.append('.');
						}
						properties.append(node.getName());
					}
					if (node.getIndex() != null) {
						properties.append('[').append(node.getIndex()).append(']');
					}
				}
				default -> {
				}
			}
		}
		if (!properties.isEmpty()) {
			return properties.toString();
		}
		return (parameter != null) ? parameter : path.toString();
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
		return (ResponseEntity) response;
	}

}
