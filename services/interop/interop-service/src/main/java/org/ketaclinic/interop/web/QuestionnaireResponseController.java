package org.ketaclinic.interop.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.Outcomes;
import org.ketaclinic.interop.fhir.Referrals;
import org.ketaclinic.interop.referral.IntakeReferrals;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /fhir/r4/QuestionnaireResponse}: a referral. A completed response to
 * {@code Questionnaire/ketaclinic-intake} is sent to intake as its own command with the
 * referrer's token (ADR 18); {@code 201} with the {@code Location} of the response taken
 * in (its id is the submission's), or an {@code OperationOutcome} naming each item that
 * does not fit the form ({@code 422}) or that intake refused ({@code 422}). Safe to
 * retry: the same response, or the same {@code Idempotency-Key}, is taken in once.
 */
@RestController
@RequestMapping(path = "/fhir/r4/QuestionnaireResponse", produces = { Fhir.JSON, "application/json" })
class QuestionnaireResponseController {

	/** The largest response read. */
	static final int MAX_BODY = 1024 * 1024;

	private final IntakeReferrals intake;

	QuestionnaireResponseController(IntakeReferrals intake) {
		this.intake = intake;
	}

	/** For whoever may submit an intake: the roles intake's command serves. */
	@PostMapping(consumes = { Fhir.JSON, "application/json" })
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	ResponseEntity<IBaseResource> refer(HttpServletRequest request,
			@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY + 1);
		}
		if (body.length > MAX_BODY) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(Outcomes.refused(IssueType.TOOCOSTLY, "A QuestionnaireResponse of more than 1 MiB"));
		}
		QuestionnaireResponse response;
		try {
			response = Fhir.read(QuestionnaireResponse.class, new String(body, StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			return ResponseEntity.badRequest()
				.body(Outcomes.invalid("QuestionnaireResponse", "is not a FHIR QuestionnaireResponse in JSON"));
		}
		Referrals.Referral referral = Referrals.read(response);
		if (!referral.readable()) {
			return ResponseEntity.unprocessableContent().body(Outcomes.invalid(referral.problems()));
		}
		String key = (idempotencyKey != null) ? idempotencyKey : derivedKey(response, body);
		IntakeReferrals.Answer answer = this.intake.submit(referral.body(), authorization, key);
		if (answer.created()) {
			response.setId(answer.submissionId());
			if (answer.patientId() != null) {
				response.setSubject(new Reference("Patient/" + answer.patientId()));
			}
			String location = ServletUriComponentsBuilder.fromCurrentContextPath()
				.path("/fhir/r4/QuestionnaireResponse/{id}")
				.buildAndExpand(answer.submissionId())
				.toUriString();
			return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, location).body(response);
		}
		return refused(answer);
	}

	private static ResponseEntity<IBaseResource> refused(IntakeReferrals.Answer answer) {
		String detail = (answer.detail() != null) ? answer.detail() : "intake refused the referral";
		return switch (answer.status()) {
			case 400, 422 -> {
				Map<String, String> problems = new LinkedHashMap<>(answer.fieldErrors());
				if (problems.isEmpty()) {
					problems.put("QuestionnaireResponse", detail);
				}
				yield ResponseEntity.unprocessableContent().body(Outcomes.invalid(problems));
			}
			case 401 -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Outcomes.refused(IssueType.LOGIN, detail));
			case 403 -> ResponseEntity.status(HttpStatus.FORBIDDEN).body(Outcomes.refused(IssueType.FORBIDDEN, detail));
			case 409 -> ResponseEntity.status(HttpStatus.CONFLICT).body(Outcomes.refused(IssueType.CONFLICT, detail));
			default -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "10")
				.body(Outcomes.refused(IssueType.TRANSIENT,
						"Intake is not answering right now; send the same referral again in a few seconds"));
		};
	}

	/**
	 * A key for a response sent without one: its business identifier when it has one (the
	 * referrer's own id for it), else its content, so that the same referral sent twice
	 * is taken in once.
	 */
	private static String derivedKey(QuestionnaireResponse response, byte[] body) {
		String basis = response.hasIdentifier()
				? "identifier " + response.getIdentifier().getSystem() + "|" + response.getIdentifier().getValue()
				: "content " + new String(body, StandardCharsets.UTF_8);
		try {
			return "fhir-qr-" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
