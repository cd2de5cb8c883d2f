package org.ketaclinic.followup.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.checkin.AnsweringCheckIns;
import org.ketaclinic.followup.checkin.Answers;
import org.ketaclinic.followup.checkin.CheckIn;
import org.ketaclinic.followup.checkin.LinkGoneException;
import org.ketaclinic.followup.checkin.RefusedAnswersException;
import org.ketaclinic.followup.policy.CheckInKind;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.platform.web.Problems;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The patient's side of a check-in: the questionnaire page at {@code /checkin/{token}}
 * and its answers at {@code POST /api/followup/check-ins/{token}}. The token is the only
 * credential: it works once and expires; a used or expired one gets 410.
 */
@RestController
class CheckInController {

	/** The problem type of a used, expired or no longer needed link. */
	static final URI GONE = URI.create("urn:ketaclinic:problem:link-gone");

	private final AnsweringCheckIns answering;

	private final AuditLog audit;

	private final String page;

	CheckInController(AnsweringCheckIns answering, AuditLog audit, FollowupProperties properties) throws IOException {
		this.answering = answering;
		this.audit = audit;
		try (InputStream in = new ClassPathResource("checkin/page.html").getInputStream()) {
			// the crisis resources are in the page itself: the browser shows them from
			// the
			// answers, whatever becomes of the request
			this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{crisis}}",
					HtmlUtils.htmlEscape(properties.crisisText()));
		}
	}

	@GetMapping(path = "/checkin/{token}", produces = MediaType.TEXT_HTML_VALUE)
	@PreAuthorize("permitAll()")
	ResponseEntity<String> page(@PathVariable String token) {
		try {
			CheckIn checkIn = this.answering.open(token);
			this.audit.record(checkIn.clinicId(), checkIn.patientId(), "CHECK_IN_OPENED", "check-in/" + checkIn.id());
			boolean brief = checkIn.kind().scope() == CheckInKind.Scope.BRIEF;
			return ResponseEntity.ok()
				.contentType(MediaType.TEXT_HTML)
				.header("Cache-Control", "no-store")
				.header("Referrer-Policy", "no-referrer")
				.body(this.page.replace("{{scope}}", brief ? "BRIEF" : "FULL"));
		}
		catch (LinkGoneException ex) {
			return notice(HttpStatus.GONE, ex.getMessage());
		}
		catch (NotFoundException ex) {
			return notice(HttpStatus.NOT_FOUND, ex.getMessage());
		}
	}

	@PostMapping(path = "/api/followup/check-ins/{token}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("permitAll()")
	ResponseEntity<AnsweringCheckIns.Outcome> answer(@PathVariable String token, @RequestBody Answers answers) {
		// audited in the answer's transaction
		AnsweringCheckIns.Outcome outcome = this.answering.answer(token, answers);
		return ResponseEntity.status(HttpStatus.CREATED).body(outcome);
	}

	/**
	 * Refused answers: the usual validation problem, and the crisis resources when an
	 * answer given was positive (the urgent alert is raised already).
	 */
	@ExceptionHandler(RefusedAnswersException.class)
	ResponseEntity<ProblemDetail> refused(RefusedAnswersException ex) {
		ProblemDetail problem = Problems.validation(ex.errors());
		if (ex.crisisResources() != null) {
			problem.setProperty("urgent", true);
			problem.setProperty("crisisResources", ex.crisisResources());
		}
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(LinkGoneException.class)
	ResponseEntity<ProblemDetail> gone(LinkGoneException ex) {
		ProblemDetail problem = Problems.problem(HttpStatus.GONE, GONE, ex.getMessage());
		problem.setTitle("Link no longer valid");
		return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static ResponseEntity<String> notice(HttpStatus status, String message) {
		return ResponseEntity.status(status)
			.contentType(MediaType.TEXT_HTML)
			.header("Cache-Control", "no-store")
			.body("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
					+ " content=\"width=device-width, initial-scale=1\"><title>Check-in</title></head><body"
					+ " style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\"><h1>"
					+ "Check-in</h1><p>" + HtmlUtils.htmlEscape(message)
					+ "</p><p>If you need to talk to us, please call the clinic.</p></body></html>");
	}

}
