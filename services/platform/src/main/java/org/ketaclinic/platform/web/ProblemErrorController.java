package org.ketaclinic.platform.web;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reached a controller (a request the security firewall rejected, a
 * servlet error) answer as problem details too, never as Boot's plain JSON or an HTML
 * page, and without the exception text.
 */
@RestController
@Hidden
public class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "/error", produces = MediaType.ALL_VALUE)
	@PreAuthorize("permitAll()")
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
				&& Problems.isUnavailable(failure)) {
			// a filter (the idempotency record) could not reach the database
			return Problems.unavailableResponse();
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, switch (status) {
			case BAD_REQUEST -> "The request is malformed (its address, headers or body cannot be read)";
			case NOT_FOUND -> "Nothing is here";
			case METHOD_NOT_ALLOWED -> "This address does not take this method";
			default -> (status.is5xxServerError()) ? "An unexpected error occurred; it has been logged"
					: status.getReasonPhrase();
		});
		problem.setType(URI.create("urn:ketaclinic:problem:" + status.value()));
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri != null) {
			problem.setInstance(
					URI.create("/" + String.valueOf(uri).replaceAll("[^A-Za-z0-9/_.-]", "").replaceFirst("^/+", "")));
		}
		problem.setProperties(Map.of());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
