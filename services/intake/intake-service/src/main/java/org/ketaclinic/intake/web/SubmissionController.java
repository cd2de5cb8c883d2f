package org.ketaclinic.intake.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.ketaclinic.intake.submission.ClinicalAnswers;
import org.ketaclinic.intake.patient.Patient;
import org.ketaclinic.intake.patient.PatientRegistry;
import org.ketaclinic.intake.submission.Submission;
import org.ketaclinic.intake.submission.Submission.Status;
import org.ketaclinic.intake.submission.Submissions;
import org.ketaclinic.intake.submission.TakingInIntakes;
import org.ketaclinic.intake.web.IntakeRequests.Amendment;
import org.ketaclinic.intake.web.IntakeRequests.NewSubmission;
import org.ketaclinic.intake.web.IntakeRequests.Withdrawal;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Front desk and clinicians take in, find and follow intake submissions; clinicians amend
 * them.
 */
@RestController
@Validated
@RequestMapping(path = "/api/intake/submissions", produces = MediaType.APPLICATION_JSON_VALUE)
class SubmissionController {

	private final TakingInIntakes intakes;

	private final PatientRegistry registry;

	SubmissionController(TakingInIntakes intakes, PatientRegistry registry) {
		this.intakes = intakes;
		this.registry = registry;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	ResponseEntity<Created> create(@Valid @RequestBody NewSubmission request, Principal caller) {
		List<FieldError> missing = request.missing();
		if (!missing.isEmpty()) {
			throw new InvalidRequestException(missing);
		}
		Patient patient = (request.patientId() == null) ? new Patient(UUID.randomUUID(),
				request.patient().givenName().trim(), request.patient().familyName().trim(),
				request.patient().dateOfBirth(), request.contact().toContact(), null) : null;
		Submission submission = this.intakes.takeIn(patient,
				(request.consents() != null) ? request.consents().toAnswers() : null, request.patientId(),
				request.clinical(), Boolean.TRUE.equals(request.draft()), caller.getName(), request.clinicId());
		return ResponseEntity.created(URI.create("/api/intake/submissions/" + submission.id()))
			.body(Created.of(submission));
	}

	/**
	 * A submission. The clinical section (history, answers, vital signs) is for
	 * clinicians: the front desk, who take it in, see the submission without it.
	 */
	@GetMapping("/{submissionId}")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	SubmissionView get(@PathVariable UUID submissionId, Authentication caller) {
		Submission submission = this.intakes.read(submissionId);
		PatientRegistry.PatientRecord patient = this.registry.read(submission.patientId());
		SubmissionView view = SubmissionView.of(submission, patient);
		return isClinician(caller) ? view : view.withoutClinicalSection();
	}

	private static boolean isClinician(Authentication caller) {
		return caller.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_CLINICIAN".equals(authority.getAuthority()));
	}

	/**
	 * Lists submissions by status and time. A name or date of birth never travels in a
	 * URL (they end up in access logs, proxies and browser history): those are refused
	 * here and searched with {@code POST /api/intake/submissions/search}.
	 */
	@GetMapping
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	Submissions.SearchResult search(@RequestParam(required = false) Status status,
			@RequestParam(required = false) String name, @RequestParam(required = false) String dateOfBirth,
			@RequestParam(required = false) Instant submittedFrom, @RequestParam(required = false) Instant submittedTo,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		List<FieldError> inUrl = new ArrayList<>();
		if (name != null) {
			inUrl.add(new FieldError("name", NOT_IN_URL));
		}
		if (dateOfBirth != null) {
			inUrl.add(new FieldError("dateOfBirth", NOT_IN_URL));
		}
		if (!inUrl.isEmpty()) {
			throw new InvalidRequestException(inUrl);
		}
		return this.intakes.search(new Submissions.SearchQuery(status, null, null, submittedFrom, submittedTo), page,
				size);
	}

	/** Finds submissions by name, date of birth, status and time, sent in the body. */
	@PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	Submissions.SearchResult find(@Valid @RequestBody SearchRequest request) {
		return this.intakes.search(
				new Submissions.SearchQuery(request.status(), request.name(), request.dateOfBirth(),
						request.submittedFrom(), request.submittedTo()),
				(request.page() != null) ? request.page() : 0, (request.size() != null) ? request.size() : 20);
	}

	private static final String NOT_IN_URL = "must not be in the URL: send it in the body of "
			+ "POST /api/intake/submissions/search";

	/**
	 * A search: every field optional.
	 *
	 * @param status the submissions' status
	 * @param name part of the given or family name
	 * @param dateOfBirth the date of birth
	 * @param submittedFrom taken in at or after
	 * @param submittedTo taken in before
	 * @param page the page, from 0
	 * @param size its size (1–200, 20)
	 */
	record SearchRequest(Status status, @Size(max = 100) String name, LocalDate dateOfBirth, Instant submittedFrom,
			Instant submittedTo, @Min(0) @Max(10_000) Integer page, @Min(1) @Max(200) Integer size) {
	}

	@PostMapping("/{submissionId}/submission")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	Created submit(@PathVariable UUID submissionId) {
		return Created.of(this.intakes.submit(submissionId));
	}

	@PutMapping(path = "/{submissionId}/clinical", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('CLINICIAN')")
	Created amend(@PathVariable UUID submissionId, @Valid @RequestBody Amendment amendment, Principal caller) {
		return Created.of(this.intakes.amend(submissionId, amendment.clinical(), amendment.reason(), caller.getName()));
	}

	@GetMapping("/{submissionId}/versions")
	@PreAuthorize("hasRole('CLINICIAN')")
	List<Submission.Version> versions(@PathVariable UUID submissionId) {
		return new ArrayList<>(this.intakes.versions(submissionId));
	}

	@PostMapping(path = "/{submissionId}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	Created withdraw(@PathVariable UUID submissionId, @Valid @RequestBody Withdrawal withdrawal, Principal caller) {
		return Created.of(this.intakes.withdraw(submissionId, withdrawal.reason(), caller.getName()));
	}

	/**
	 * Where a submission stands after a command.
	 *
	 * @param submissionId the submission
	 * @param patientId the patient
	 * @param version its current version
	 * @param status its status
	 * @param clinicId the patient's clinic
	 */
	record Created(UUID submissionId, UUID patientId, int version, Status status, String clinicId) {

		static Created of(Submission submission) {
			return new Created(submission.id(), submission.patientId(), submission.version(), submission.status(),
					submission.clinicId());
		}

	}

	/**
	 * A submission as stored, with its patient.
	 *
	 * @param submissionId the submission
	 * @param patientId the patient
	 * @param version the current version of the clinical section
	 * @param status its status
	 * @param createdAt when it was taken in
	 * @param createdBy by whom
	 * @param submittedAt when it went to screening
	 * @param withdrawnAt when it was withdrawn
	 * @param withdrawalReason why
	 * @param patient the patient's identity
	 * @param contact how to reach them
	 * @param consents their consents
	 * @param clinical the current clinical section
	 * @param clinicId the patient's clinic
	 */
	record SubmissionView(UUID submissionId, UUID patientId, int version, Status status, Instant createdAt,
			String createdBy, Instant submittedAt, Instant withdrawnAt, String withdrawalReason,
			PatientController.Identity patient, Patient.Contact contact,
			org.ketaclinic.intake.patient.Consents consents, ClinicalAnswers clinical, String clinicId) {

		static SubmissionView of(Submission submission, PatientRegistry.PatientRecord record) {
			Patient patient = record.patient();
			return new SubmissionView(submission.id(), submission.patientId(), submission.version(),
					submission.status(), submission.createdAt(), submission.createdBy(), submission.submittedAt(),
					submission.withdrawnAt(), submission.withdrawalReason(),
					new PatientController.Identity(patient.givenName(), patient.familyName(), patient.dateOfBirth()),
					patient.contact(), record.consents(), submission.clinical(), submission.clinicId());
		}

		SubmissionView withoutClinicalSection() {
			return new SubmissionView(this.submissionId, this.patientId, this.version, this.status, this.createdAt,
					this.createdBy, this.submittedAt, this.withdrawnAt, this.withdrawalReason, this.patient,
					this.contact, this.consents, null, this.clinicId);
		}

	}

}
