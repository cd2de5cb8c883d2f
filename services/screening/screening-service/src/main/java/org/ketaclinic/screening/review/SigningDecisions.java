package org.ketaclinic.screening.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.screening.assessment.Assessment;
import org.ketaclinic.screening.assessment.Assessments;
import org.ketaclinic.screening.assessment.ScreeningProperties;
import org.ketaclinic.screening.consent.TreatmentConsents;
import org.ketaclinic.screening.criteria.Category;
import org.ketaclinic.screening.criteria.Finding;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.ScreeningDecided;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A clinician signs the decision on an assessment: always with a rationale, approving
 * only with a protocol, and overriding each hard exclusion by name with a reason, and
 * only for a patient who has consented to treatment. A decision is final; an assessment
 * past its validity expires and asks for a fresh intake.
 */
@Service
public class SigningDecisions {

	private final Assessments assessments;

	private final Decisions decisions;

	private final ScreeningProperties properties;

	private final TreatmentConsents consents;

	private final Outbox outbox;

	private final AuditLog audit;

	private final Clock clock;

	SigningDecisions(Assessments assessments, Decisions decisions, ScreeningProperties properties,
			TreatmentConsents consents, Outbox outbox, AuditLog audit, Clock clock) {
		this.assessments = assessments;
		this.decisions = decisions;
		this.properties = properties;
		this.consents = consents;
		this.outbox = outbox;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a decision on an assessment of one of these clinics (the caller's); another
	 * clinic's is not found. Sending the same decision again answers the first one.
	 * @throws NotFoundException when the assessment is unknown or of another clinic
	 * @throws InvalidRequestException when the decision is incomplete
	 * @throws ConflictException when the assessment is decided otherwise, superseded or
	 * expired, or when approving for a patient without consent to treatment
	 */
	@Transactional(noRollbackFor = AssessmentExpiredException.class)
	public ClinicianDecision decide(UUID assessmentId, ClinicianDecision request, String[] clinics) {
		Assessment assessment = this.assessments.lock(assessmentId, clinics)
			.orElseThrow(() -> new NotFoundException("No assessment " + assessmentId));
		check(request, assessment);
		switch (assessment.status()) {
			case DECIDED -> {
				ClinicianDecision existing = this.decisions.of(assessmentId).orElseThrow();
				if (existing.sameAs(request)) {
					return existing;
				}
				throw new ConflictException("This assessment was already decided (" + existing.decision() + ")");
			}
			case SUPERSEDED -> throw new ConflictException(
					"This assessment was superseded by a newer version of the intake; decide on the current one");
			case EXPIRED -> throw new AssessmentExpiredException();
			case PENDING_REVIEW -> {
			}
		}
		Instant now = this.clock.instant();
		if (assessment.createdAt().plus(Duration.ofDays(this.properties.validityDays())).isBefore(now)) {
			this.assessments.changeStatus(assessmentId, Assessment.Status.EXPIRED);
			throw new AssessmentExpiredException();
		}
		// declining or asking for more information needs no consent; treating does, and a
		// patient screening has never heard consent for counts as not consented
		if (request.decision() == Decision.APPROVED && !this.consents.given(assessment.patientId())) {
			throw new ConflictException("Treatment consent is missing: the patient has not consented to treatment."
					+ " Record the consent in intake, then approve.");
		}
		ClinicianDecision decision = new ClinicianDecision(assessmentId, request.decision(), request.protocol(),
				request.rationale(), request.overrides(), request.decidedBy(), now);
		this.decisions.add(decision, assessment.clinicId());
		this.assessments.changeStatus(assessmentId, Assessment.Status.DECIDED);
		this.audit.recordChange(assessment.clinicId(), assessment.patientId(), "SCREENING_DECIDED",
				"assessment/" + assessmentId);
		this.outbox.publish(new ScreeningDecided(new PatientId(assessment.patientId()), new AssessmentId(assessmentId),
				decision.decision(), decision.protocol(),
				decision.overrides().stream().map(ClinicianDecision.Override::ruleId).toList(), now,
				assessment.clinicId()));
		return decision;
	}

	private static void check(ClinicianDecision request, Assessment assessment) {
		List<FieldError> errors = new ArrayList<>();
		if (request.decision() == null) {
			errors.add(new FieldError("decision", "is required: APPROVED, DECLINED or MORE_INFO_REQUESTED"));
		}
		if (request.rationale() == null || request.rationale().isBlank()) {
			errors.add(new FieldError("rationale", "is required: every decision states why"));
		}
		if (request.decision() == Decision.APPROVED && request.protocol() == null) {
			errors.add(new FieldError("protocol", "is required to approve: IV_KETAMINE or ESKETAMINE"));
		}
		if (request.decision() != null && request.decision() != Decision.APPROVED && request.protocol() != null) {
			errors.add(new FieldError("protocol", "is given only with an approval"));
		}
		Set<String> exclusions = assessment.findings()
			.stream()
			.filter((finding) -> finding.category() == Category.HARD_EXCLUSION)
			.map(Finding::ruleId)
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		List<ClinicianDecision.Override> overrides = request.overrides();
		for (int i = 0; i < overrides.size(); i++) {
			ClinicianDecision.Override override = overrides.get(i);
			if (override == null || override.ruleId() == null || !exclusions.contains(override.ruleId())) {
				errors.add(new FieldError("overrides[" + i + "].ruleId",
						"must name a hard exclusion that fired: " + exclusions));
			}
			else if (override.reason() == null || override.reason().isBlank()) {
				errors
					.add(new FieldError("overrides[" + i + "].reason", "is required: say why the rule is overridden"));
			}
		}
		if (request.decision() == Decision.APPROVED) {
			Set<String> named = overrides.stream()
				.filter((override) -> override != null && override.ruleId() != null)
				.map(ClinicianDecision.Override::ruleId)
				.collect(Collectors.toSet());
			List<String> unnamed = exclusions.stream().filter((ruleId) -> !named.contains(ruleId)).toList();
			if (!unnamed.isEmpty()) {
				errors.add(new FieldError("overrides",
						"approving needs each fired hard exclusion overridden by name with a reason: " + unnamed));
			}
		}
		else if (!overrides.isEmpty()) {
			errors.add(new FieldError("overrides", "are given only with an approval"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
	}

	/** The assessment is older than screening.validityDays: a fresh intake is needed. */
	public static final class AssessmentExpiredException extends ConflictException {

		AssessmentExpiredException() {
			super("This assessment has expired; take a fresh intake to screen the patient again");
		}

	}

}
