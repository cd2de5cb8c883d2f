package org.ketaclinic.screening.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.screening.assessment.Assessment;
import org.ketaclinic.screening.assessment.Assessments;
import org.ketaclinic.screening.criteria.Criteria;
import org.ketaclinic.screening.criteria.Finding;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.Outcome;
import org.ketaclinic.screening.events.Protocol;
import org.ketaclinic.screening.review.ClinicianDecision;
import org.ketaclinic.screening.review.Decisions;
import org.ketaclinic.screening.review.ReviewItem;
import org.ketaclinic.screening.review.ReviewItems;
import org.ketaclinic.screening.review.SigningDecisions;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Clinicians review explained assessments and sign the decisions. */
@RestController
@RequestMapping(path = "/api/screening", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('CLINICIAN')")
class AssessmentController {

	private static final int HIGH_PRIORITY = 1;

	private final Assessments assessments;

	private final Decisions decisions;

	private final SigningDecisions signing;

	private final AuditLog audit;

	private final ReviewItems reviewItems;

	private final Clock clock;

	private final ClinicScope clinicScope;

	AssessmentController(Assessments assessments, Decisions decisions, SigningDecisions signing, AuditLog audit,
			ReviewItems reviewItems, Clock clock, ClinicScope clinicScope) {
		this.assessments = assessments;
		this.clinicScope = clinicScope;
		this.reviewItems = reviewItems;
		this.decisions = decisions;
		this.signing = signing;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A patient's assessment history in the caller's clinics, newest first (empty for a
	 * patient of another clinic).
	 */
	@GetMapping("/assessments")
	List<AssessmentView> ofPatient(@RequestParam UUID patientId) {
		List<Assessment> history = this.assessments.ofPatient(patientId, this.clinicScope.sqlArray());
		String resource = "patient/" + patientId + "/assessments";
		Set<String> clinics = history.stream().map(Assessment::clinicId).collect(Collectors.toCollection(TreeSet::new));
		if (clinics.isEmpty()) {
			// nothing of the patient was read; the attempt is recorded all the same
			this.audit.record(null, patientId, "ASSESSMENTS_READ", resource);
		}
		clinics.forEach((clinicId) -> this.audit.record(clinicId, patientId, "ASSESSMENTS_READ", resource));
		Instant now = this.clock.instant();
		return history.stream().map((a) -> view(a, now)).toList();
	}

	/**
	 * An assessment of the caller's clinics; another clinic's answers 404, like an
	 * unknown one.
	 */
	@GetMapping("/assessments/{assessmentId}")
	AssessmentView get(@PathVariable UUID assessmentId) {
		Assessment assessment = this.assessments.find(assessmentId, this.clinicScope.sqlArray())
			.orElseThrow(() -> new NotFoundException("No assessment " + assessmentId));
		this.audit.record(assessment.clinicId(), assessment.patientId(), "ASSESSMENT_READ",
				"assessment/" + assessmentId);
		return view(assessment, this.clock.instant());
	}

	/**
	 * The review queue: pending assessments and open re-reviews, most urgent first
	 * (urgent, then high priority: SCR-REV-26 and relapse risks, then routine), then by
	 * due time. Only the caller's clinics' items.
	 */
	@GetMapping("/reviews")
	List<QueueItem> reviews(@RequestParam(defaultValue = "PENDING") QueueStatus status) {
		Instant now = this.clock.instant();
		String[] clinics = this.clinicScope.sqlArray();
		List<QueueItem> queue = new ArrayList<>();
		for (Assessment a : this.assessments.pending(500, clinics)) {
			this.audit.record(a.clinicId(), a.patientId(), "REVIEW_QUEUE_READ", "assessment/" + a.id());
			queue.add(new QueueItem("ASSESSMENT", a.id(), null, a.patientId(), a.outcome(), List.of(), null, a.dueAt(),
					a.overdue(now), a.priority(), a.createdAt()));
		}
		for (ReviewItem item : this.reviewItems.open(500, clinics)) {
			this.audit.record(item.clinicId(), item.patientId(), "REVIEW_QUEUE_READ", "review-item/" + item.id());
			queue.add(new QueueItem(item.kind(), null, item.id(), item.patientId(), null, item.reasons(),
					item.assignedTo(), item.dueAt(), now.isAfter(item.dueAt()), HIGH_PRIORITY, item.createdAt()));
		}
		queue.sort(Comparator.comparingInt(QueueItem::priority).thenComparing(QueueItem::dueAt));
		return queue;
	}

	@PostMapping(path = "/review-items/{reviewItemId}/closure", consumes = MediaType.APPLICATION_JSON_VALUE)
	ReviewItem close(@PathVariable UUID reviewItemId, @RequestBody Closure closure, Principal clinician) {
		if (closure.note() == null || closure.note().isBlank()) {
			throw new InvalidRequestException("note", "is required: say what was done");
		}
		return this.reviewItems.close(reviewItemId, closure.note(), clinician.getName(), this.clinicScope.sqlArray());
	}

	@PostMapping(path = "/assessments/{assessmentId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ClinicianDecision> decide(@PathVariable UUID assessmentId, @RequestBody DecisionRequest request,
			Principal clinician) {
		ClinicianDecision decision = this.signing.decide(assessmentId,
				new ClinicianDecision(assessmentId, request.decision(), request.protocol(), request.rationale(),
						(request.overrides() != null) ? request.overrides() : List.of(), clinician.getName(), null),
				this.clinicScope.sqlArray());
		return ResponseEntity.created(URI.create("/api/screening/assessments/" + assessmentId + "/decision"))
			.body(decision);
	}

	private AssessmentView view(Assessment a, Instant now) {
		return new AssessmentView(a.id(), a.patientId(), a.clinicId(), a.submissionId(), a.submissionVersion(),
				a.outcome(), a.rulesetVersion(), a.status(), a.createdAt(), a.dueAt(), a.overdue(now), a.priority(),
				a.findings(), a.criteria(), true, a.supersedes(), this.decisions.of(a.id()).orElse(null));
	}

	/** The statuses of the queue. */
	enum QueueStatus {

		PENDING

	}

	/**
	 * A decision as a clinician sends it.
	 *
	 * @param decision APPROVED, DECLINED or MORE_INFO_REQUESTED
	 * @param protocol IV_KETAMINE or ESKETAMINE, with approval only
	 * @param rationale why (required)
	 * @param overrides each fired hard exclusion overridden, with a reason (approval
	 * only)
	 */
	record DecisionRequest(Decision decision, Protocol protocol, String rationale,
			List<ClinicianDecision.Override> overrides) {
	}

	/**
	 * An item of the review queue.
	 *
	 * @param kind {@code ASSESSMENT} or {@code RELAPSE_RISK}
	 * @param assessmentId the assessment (assessments only)
	 * @param reviewItemId the re-review (re-reviews only)
	 * @param patientId the patient
	 * @param outcome its outcome (assessments only)
	 * @param reasons why a re-review was opened
	 * @param assignedTo the patient's clinician, for re-reviews
	 * @param dueAt when it should be reviewed
	 * @param overdue whether that time has passed
	 * @param priority 0 urgent, 1 high, 2 routine
	 * @param createdAt when it was assessed
	 */
	record QueueItem(String kind, UUID assessmentId, UUID reviewItemId, UUID patientId, Outcome outcome,
			List<String> reasons, String assignedTo, Instant dueAt, boolean overdue, int priority, Instant createdAt) {
	}

	/**
	 * Closing a re-review.
	 *
	 * @param note what the clinician did (stays in screening)
	 */
	record Closure(String note) {
	}

	/**
	 * An assessment with everything a clinician needs to see why.
	 *
	 * @param assessmentId the assessment
	 * @param patientId the patient
	 * @param clinicId the patient's clinic
	 * @param submissionId the intake submission
	 * @param submissionVersion its version
	 * @param outcome the outcome
	 * @param rulesetVersion the rule set applied
	 * @param status its status
	 * @param createdAt when it was made
	 * @param dueAt when it should be reviewed
	 * @param overdue whether that time has passed
	 * @param priority 0 urgent, 1 high, 2 routine
	 * @param findings every rule that fired, with rationale, source and inputs
	 * @param criteria the thresholds and policies it ran with
	 * @param clinicianSignOffRequired always true: the rules sort, clinicians decide
	 * @param supersedes the assessment it replaced
	 * @param decision the clinician's decision, once made
	 */
	record AssessmentView(UUID assessmentId, UUID patientId, String clinicId, UUID submissionId, int submissionVersion,
			Outcome outcome, String rulesetVersion, Assessment.Status status, Instant createdAt, Instant dueAt,
			boolean overdue, int priority, List<Finding> findings, Criteria criteria, boolean clinicianSignOffRequired,
			UUID supersedes, ClinicianDecision decision) {
	}

}
