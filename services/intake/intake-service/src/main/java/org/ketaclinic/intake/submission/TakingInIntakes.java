package org.ketaclinic.intake.submission;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.intake.duplicate.DuplicateFlags;
import org.ketaclinic.intake.events.IntakeAmended;
import org.ketaclinic.intake.events.IntakeSubmitted;
import org.ketaclinic.intake.events.IntakeWithdrawn;
import org.ketaclinic.intake.events.Phq9BaselineRecorded;
import org.ketaclinic.intake.patient.Patient;
import org.ketaclinic.intake.patient.PatientRegistry;
import org.ketaclinic.intake.patient.PatientRegistry.ConsentAnswers;
import org.ketaclinic.intake.patient.Patients;
import org.ketaclinic.intake.submission.Submission.Status;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of an intake: taken in (as a draft or straight to screening), submitted,
 * amended by a clinician, withdrawn. Each step is one transaction with its audit entry
 * and its event, and is safe to repeat.
 */
@Service
public class TakingInIntakes {

	private final Submissions submissions;

	private final Patients patients;

	private final PatientRegistry registry;

	private final DuplicateFlags duplicates;

	private final Outbox outbox;

	private final AuditLog audit;

	private final Clock clock;

	private final ClinicScope clinicScope;

	TakingInIntakes(Submissions submissions, Patients patients, PatientRegistry registry, DuplicateFlags duplicates,
			Outbox outbox, AuditLog audit, Clock clock, ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.submissions = submissions;
		this.patients = patients;
		this.registry = registry;
		this.duplicates = duplicates;
		this.outbox = outbox;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Takes in an intake for a new patient (registered with their consents) or a known
	 * one of the caller's clinics.
	 * @param newPatient the patient to register (their clinic is set here), or null when
	 * {@code knownPatientId} is given
	 * @param consents their consents (with a new patient)
	 * @param knownPatientId an existing patient of one of the caller's clinics, or null
	 * @param clinicId the clinic the request names (a new patient's must be one of the
	 * caller's; null: the caller's only clinic), or null
	 * @param clinical the clinical section, possibly incomplete
	 * @param draft keep as a draft instead of sending to screening
	 * @param by who takes it in
	 */
	@Transactional
	public Submission takeIn(Patient newPatient, ConsentAnswers consents, UUID knownPatientId, ClinicalAnswers clinical,
			boolean draft, String by, String clinicId) {
		Patient patient;
		if (knownPatientId != null) {
			// a patient of another clinic is as unknown as a patient who does not exist
			patient = this.patients.find(knownPatientId, this.clinicScope.sqlArray())
				.orElseThrow(() -> new InvalidRequestException("patientId", "is not a known patient"));
			if (clinicId != null && !clinicId.isBlank() && !clinicId.equals(patient.clinicId())) {
				throw new InvalidRequestException("clinicId", "is not the clinic of this patient");
			}
		}
		else {
			String clinic = this.clinicScope.forNewRecord(clinicId, "clinicId");
			patient = new Patient(newPatient.id(), newPatient.givenName(), newPatient.familyName(),
					newPatient.dateOfBirth(), newPatient.contact(), clinic);
		}
		ClinicalAnswers checked = checked(clinical, patient);
		if (knownPatientId == null) {
			this.registry.register(patient, consents, by);
		}
		Instant now = this.clock.instant();
		Submission submission = new Submission(UUID.randomUUID(), patient.id(), draft ? Status.DRAFT : Status.SUBMITTED,
				1, checked, now, by, draft ? null : now, null, null, null, patient.clinicId());
		this.submissions.add(submission);
		if (knownPatientId == null) {
			this.duplicates.raiseFor(patient, submission.id());
		}
		this.audit.recordChange(patient.clinicId(), patient.id(), draft ? "SUBMISSION_DRAFTED" : "SUBMISSION_SUBMITTED",
				"submission/" + submission.id());
		if (!draft) {
			publishSubmitted(submission);
		}
		return submission;
	}

	/** Sends a draft to screening; a submission already sent is answered as it stands. */
	@Transactional
	public Submission submit(UUID submissionId) {
		Submission submission = locked(submissionId);
		if (submission.status() == Status.SUBMITTED) {
			return submission;
		}
		if (submission.status() == Status.WITHDRAWN) {
			throw new ConflictException("This submission was withdrawn; take in a new one instead");
		}
		Instant now = this.clock.instant();
		this.submissions.markSubmitted(submissionId, now);
		Submission submitted = reread(submissionId);
		this.audit.recordChange(submitted.clinicId(), submitted.patientId(), "SUBMISSION_SUBMITTED",
				"submission/" + submissionId);
		publishSubmitted(submitted);
		return submitted;
	}

	/**
	 * Records a new version of the clinical section. Sending the section that is already
	 * current changes nothing (a retry); a submitted intake's new version goes to
	 * screening as {@code IntakeAmended}.
	 */
	@Transactional
	public Submission amend(UUID submissionId, ClinicalAnswers clinical, String reason, String by) {
		Submission submission = locked(submissionId);
		if (submission.status() == Status.WITHDRAWN) {
			throw new ConflictException("This submission was withdrawn and can no longer be amended");
		}
		Patient patient = this.patients.find(submission.patientId(), this.clinicScope.sqlArray()).orElseThrow();
		ClinicalAnswers checked = checked(clinical, patient);
		if (checked.equals(submission.clinical())) {
			return submission;
		}
		Instant now = this.clock.instant();
		int version = submission.version() + 1;
		this.submissions.addVersion(submissionId, new Submission.Version(version, checked, now, by, reason));
		this.audit.recordChange(submission.clinicId(), submission.patientId(), "SUBMISSION_AMENDED",
				"submission/" + submissionId + "/v" + version);
		if (submission.status() == Status.SUBMITTED) {
			this.outbox.publish(new IntakeAmended(new PatientId(submission.patientId()), new SubmissionId(submissionId),
					version, now, IntakeContract.clinicalSection(checked), submission.clinicId()));
			publishBaseline(submission.patientId(), submissionId, version, checked, now, submission.clinicId());
			publishAnswers(submission.patientId(), submissionId, version, checked, now, submission.clinicId());
		}
		return reread(submissionId);
	}

	/** Withdraws a submission; withdrawing it again answers the first withdrawal. */
	@Transactional
	public Submission withdraw(UUID submissionId, String reason, String by) {
		Submission submission = locked(submissionId);
		if (submission.status() == Status.WITHDRAWN) {
			return submission;
		}
		Instant now = this.clock.instant();
		this.submissions.markWithdrawn(submissionId, now, by, reason);
		this.audit.recordChange(submission.clinicId(), submission.patientId(), "SUBMISSION_WITHDRAWN",
				"submission/" + submissionId);
		if (submission.status() == Status.SUBMITTED) {
			this.outbox.publish(new IntakeWithdrawn(new PatientId(submission.patientId()),
					new SubmissionId(submissionId), now, submission.clinicId()));
		}
		return reread(submissionId);
	}

	/**
	 * A submission of one of the caller's clinics, audited as a read; one of another
	 * clinic is not found.
	 */
	@Transactional
	public Submission read(UUID submissionId) {
		Submission submission = reread(submissionId);
		this.audit.record(submission.clinicId(), submission.patientId(), "SUBMISSION_READ",
				"submission/" + submissionId);
		return submission;
	}

	/** Every version of a submission's clinical section, audited as a read. */
	@Transactional
	public List<Submission.Version> versions(UUID submissionId) {
		Submission submission = reread(submissionId);
		this.audit.record(submission.clinicId(), submission.patientId(), "SUBMISSION_VERSIONS_READ",
				"submission/" + submissionId);
		return this.submissions.versions(submissionId);
	}

	/** A page of the caller's clinics' submissions; each patient shown is audited. */
	@Transactional
	public Submissions.SearchResult search(Submissions.SearchQuery query, int page, int size) {
		Submissions.SearchResult result = this.submissions.search(query, this.clinicScope.sqlArray(), page, size);
		result.items()
			.forEach((item) -> this.audit.record(item.clinicId(), item.patientId(), "SUBMISSION_LISTED",
					"submission/" + item.submissionId()));
		return result;
	}

	private ClinicalAnswers checked(ClinicalAnswers clinical, Patient patient) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneId.of(patient.contact().timeZone())));
		List<FieldError> errors = ClinicalSectionRules.check(clinical, patient.dateOfBirth(), today);
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return (clinical != null) ? ClinicalSectionRules.normalised(clinical) : empty();
	}

	private void publishSubmitted(Submission submission) {
		this.outbox.publish(new IntakeSubmitted(new PatientId(submission.patientId()),
				new SubmissionId(submission.id()), submission.version(), submission.submittedAt(),
				IntakeContract.clinicalSection(submission.clinical()), submission.clinicId()));
		publishBaseline(submission.patientId(), submission.id(), submission.version(), submission.clinical(),
				submission.submittedAt(), submission.clinicId());
		publishAnswers(submission.patientId(), submission.id(), submission.version(), submission.clinical(),
				submission.submittedAt(), submission.clinicId());
	}

	/**
	 * Publishes the PHQ-9 total of a version sent to screening on the patients topic, for
	 * follow-up: the total alone, never the clinical section (issue 18: PHI kept
	 * minimal). The total is the clinical section's own (computed from the nine items
	 * when they were given), so null when the PHQ-9 was not completed.
	 */
	private void publishBaseline(UUID patientId, UUID submissionId, int version, ClinicalAnswers clinical,
			Instant recordedAt, String clinicId) {
		Integer total = (clinical != null) ? clinical.phq9Total() : null;
		this.outbox.publish(new Phq9BaselineRecorded(new PatientId(patientId), new SubmissionId(submissionId), version,
				total, recordedAt, clinicId));
	}

	/**
	 * Publishes the PHQ-9 and C-SSRS answers of a version sent to screening on the
	 * interop topic, for the FHIR QuestionnaireResponses: those two questionnaires,
	 * nothing else of the clinical section (ADR 18).
	 */
	private void publishAnswers(UUID patientId, UUID submissionId, int version, ClinicalAnswers clinical,
			Instant answeredAt, String clinicId) {
		this.outbox.publish(IntakeContract.questionnairesAnswered(patientId, submissionId, version, clinical,
				answeredAt, clinicId));
	}

	/** A submission of one of the caller's clinics, locked; any other is not found. */
	private Submission locked(UUID submissionId) {
		return this.submissions.lock(submissionId, this.clinicScope.sqlArray())
			.orElseThrow(() -> notFound(submissionId));
	}

	/** A submission of one of the caller's clinics; any other is not found. */
	private Submission reread(UUID submissionId) {
		return this.submissions.find(submissionId, this.clinicScope.sqlArray())
			.orElseThrow(() -> notFound(submissionId));
	}

	private static NotFoundException notFound(UUID submissionId) {
		return new NotFoundException("No submission " + submissionId);
	}

	private static ClinicalAnswers empty() {
		return new ClinicalAnswers(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null);
	}

}
