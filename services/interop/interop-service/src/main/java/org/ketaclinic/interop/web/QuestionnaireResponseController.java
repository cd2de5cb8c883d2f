package org.ketaclinic.interop.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.ketaclinic.interop.answers.QuestionnaireAnswers;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.Outcomes;
import org.ketaclinic.interop.fhir.QuestionnaireResponses;
import org.ketaclinic.interop.fhir.Referrals;
import org.ketaclinic.interop.fhir.Searchsets;
import org.ketaclinic.interop.referral.IntakeReferrals;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /fhir/r4/QuestionnaireResponse}: a referral. A completed response to
 * {@code Questionnaire/ketaclinic-intake} is sent to intake as its own command with the
 * referrer's token (ADR 18); {@code 201} with the {@code Location} of the response taken
 * in (its id is the submission's), or an {@code OperationOutcome} naming each item that
 * does not fit the form ({@code 422}) or that intake refused ({@code 422}). Safe to
 * retry: the same referral, or the same {@code Idempotency-Key}, is taken in once, the
 * key recorded by intake (this service hands it on, {@code ketaclinic.idempotency.
 * delegated-paths}), so a retry gets the whole answer again.
 */
@RestController
@RequestMapping(path = "/fhir/r4/QuestionnaireResponse", produces = { Fhir.JSON, "application/json" })
class QuestionnaireResponseController {

	/** The largest response read. */
	static final int MAX_BODY = 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final IntakeReferrals intake;

	private final QuestionnaireAnswers answers;

	private final ClinicScope clinicScope;

	private final AuditLog audit;

	QuestionnaireResponseController(IntakeReferrals intake, QuestionnaireAnswers answers, ClinicScope clinicScope,
			AuditLog audit) {
		this.intake = intake;
		this.answers = answers;
		this.clinicScope = clinicScope;
		this.audit = audit;
	}

	/**
	 * {@code GET /fhir/r4/QuestionnaireResponse?subject=Patient/{id}} (also
	 * {@code patient=}): the PHQ-9 and C-SSRS screener answers of the patient's intake,
	 * for clinicians of their clinics; every search audited.
	 */
	@GetMapping
	@PreAuthorize("hasRole('CLINICIAN')")
	ResponseEntity<IBaseResource> search(@RequestParam(required = false) String subject,
			@RequestParam(required = false) String patient) {
		References.Searched searched = References.patient("QuestionnaireResponse", "subject", subject, "patient",
				patient);
		if (searched.refusal() != null) {
			return searched.refusal();
		}
		UUID patientId = searched.patientId();
		List<QuestionnaireAnswers.Answers> found = this.answers.ofPatient(patientId, this.clinicScope.sqlArray());
		SearchAudit.record(this.audit, patientId, found.stream().map(QuestionnaireAnswers.Answers::clinicId).toList(),
				"FHIR_QUESTIONNAIRE_RESPONSES_READ");
		List<QuestionnaireResponse> responses = found.stream()
			.flatMap((answered) -> QuestionnaireResponses.of(answered).stream())
			.toList();
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/r4").toUriString();
		String self = ServletUriComponentsBuilder.fromCurrentRequest().toUriString();
		return ResponseEntity.ok(Searchsets.of(responses.size(), responses, base, Searchsets.Links.single(self)));
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
		String key = (idempotencyKey != null) ? idempotencyKey : derivedKey(referral.body());
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
	 * A key for a referral sent without one: its content as intake will receive it, with
	 * every object's fields in name order, so that the same referral sent again, however
	 * it is written out, is taken in once (intake scopes keys to the caller).
	 */
	private static String derivedKey(ObjectNode body) {
		try {
			return "fhir-qr-" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(JSON.writeValueAsString(sorted(body)).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode sorted(JsonNode node) {
		if (node instanceof ObjectNode object) {
			ObjectNode copy = JSON.createObjectNode();
			new TreeSet<>(object.propertyNames()).forEach((name) -> copy.set(name, sorted(object.get(name))));
			return copy;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = JSON.createArrayNode();
			array.forEach((element) -> copy.add(sorted(element)));
			return copy;
		}
		return node;
	}

}
