package org.ketaclinic.platform.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ketaclinic.platform.events.EventJson;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Problem types of the platform and a writer for filters that answer before Spring MVC
 * does.
 */
public final class Problems {

	public static final URI VALIDATION = URI.create("urn:ketaclinic:problem:validation");

	public static final URI MALFORMED = URI.create("urn:ketaclinic:problem:malformed-request");

	public static final URI NOT_FOUND = URI.create("urn:ketaclinic:problem:not-found");

	public static final URI CONFLICT = URI.create("urn:ketaclinic:problem:conflict");

	public static final URI UNAUTHENTICATED = URI.create("urn:ketaclinic:problem:unauthenticated");

	public static final URI FORBIDDEN = URI.create("urn:ketaclinic:problem:forbidden");

	public static final URI IDEMPOTENCY_KEY_REUSED = URI.create("urn:ketaclinic:problem:idempotency-key-reused");

	public static final URI INTERNAL = URI.create("urn:ketaclinic:problem:internal");

	public static final URI UNAVAILABLE = URI.create("urn:ketaclinic:problem:unavailable");

	/** Seconds a client should wait before retrying while a dependency is down. */
	public static final String RETRY_AFTER_SECONDS = "5";

	private Problems() {
	}

	public static ProblemDetail problem(HttpStatus status, URI type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		return problem;
	}

	public static ProblemDetail validation(List<FieldError> errors) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, VALIDATION,
				errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * Whether a failure means a dependency (the database) cannot be reached right now,
	 * rather than a fault in this request or in the code: a connection that cannot be
	 * made or was lost, or a server that is starting or shutting down (SQLSTATE classes
	 * 08 and 57). The request had no effect and can be retried.
	 */
	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof org.springframework.dao.DataAccessResourceFailureException
					|| cause instanceof org.springframework.transaction.CannotCreateTransactionException
					|| cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof java.sql.SQLNonTransientConnectionException
					|| cause instanceof java.net.ConnectException) {
				return true;
			}
			if (cause instanceof org.springframework.transaction.TransactionSystemException rollback
					&& rollback.getApplicationException() != null && rollback.getApplicationException() != failure) {
				// the rollback on a broken connection failed too; what broke it counts
				return isUnavailable(rollback.getApplicationException());
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57"))) {
				return true;
			}
		}
		return false;
	}

	/** The answer while a dependency is down: 503, try again shortly. */
	public static ProblemDetail unavailable() {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE,
				"The service cannot get a database connection right now (the database is down or every connection is busy); nothing was changed. Try again shortly.");
		problem.setTitle("Service unavailable");
		return problem;
	}

	/**
	 * The whole 503 answer while the database cannot be reached, with
	 * {@code Retry-After}.
	 */
	public static ResponseEntity<ProblemDetail> unavailableResponse() {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(unavailable());
	}

	/**
	 * Writes a problem as {@code application/problem+json}, for filters outside Spring
	 * MVC.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", request.getRequestURI());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(EventJson.mapper().writeValueAsBytes(body));
	}

}
