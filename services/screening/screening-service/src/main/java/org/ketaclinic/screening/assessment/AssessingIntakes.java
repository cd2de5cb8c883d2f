package org.ketaclinic.screening.assessment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.Identifier;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.screening.criteria.Category;
import org.ketaclinic.screening.criteria.Evaluation;
import org.ketaclinic.screening.criteria.Finding;
import org.ketaclinic.screening.criteria.ScreeningInput;
import org.ketaclinic.screening.criteria.SuitabilityCriteria;
import org.ketaclinic.screening.events.ApprovalWithdrawn;
import org.ketaclinic.screening.events.Outcome;
import org.ketaclinic.screening.events.ScreeningAssessed;
import org.ketaclinic.screening.events.UrgentReviewRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assesses every version of every intake: applies the criteria, stores the explained
 * result, supersedes the submission's earlier assessment, and publishes the outcome,
 * escalating urgent ones at once.
 */
@Service
public class AssessingIntakes {

	static final int URGENT = 0;

	static final int HIGH = 1;

	static final int ROUTINE = 2;

	private static final Logger log = LoggerFactory.getLogger(AssessingIntakes.class);

	private final Assessments assessments;

	private final SuitabilityCriteria criteria;

	private final ScreeningProperties properties;

	private final Outbox outbox;

	private final Clock clock;

	AssessingIntakes(Assessments assessments, SuitabilityCriteria criteria, ScreeningProperties properties,
			Outbox outbox, Clock clock) {
		this.assessments = assessments;
		this.criteria = criteria;
		this.properties = properties;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Assesses one version of a submission's clinical section; a version already assessed
	 * is left alone. The assessment and its events belong to the patient's clinic.
	 */
	@Transactional
	public void assess(UUID patientId, UUID submissionId, int submissionVersion, ScreeningInput clinical,
			String clinicId) {
		if (this.assessments.exists(submissionId, submissionVersion)) {
			log.info("Submission version {} of {} is already assessed", submissionVersion, submissionId);
			return;
		}
		UUID supersedes = null;
		for (Assessment earlier : this.assessments.currentOf(submissionId)) {
			if (earlier.submissionVersion() > submissionVersion) {
				log.info("A newer version of {} is already assessed; ignoring version {}", submissionId,
						submissionVersion);
				return;
			}
			this.assessments.changeStatus(earlier.id(), Assessment.Status.SUPERSEDED);
			supersedes = earlier.id();
		}
		Evaluation evaluation = this.criteria.evaluate(clinical);
		Instant now = this.clock.instant();
		int priority = priority(evaluation);
		Assessment assessment = new Assessment(UUID.randomUUID(), patientId, submissionId, submissionVersion,
				evaluation.outcome(), SuitabilityCriteria.RULESET_VERSION, this.criteria.criteria(),
				evaluation.findings(), clinical, Assessment.Status.PENDING_REVIEW, priority, now, dueAt(priority, now),
				supersedes, clinicId);
		this.assessments.add(assessment);
		this.outbox.publish(new ScreeningAssessed(new PatientId(patientId), new AssessmentId(assessment.id()),
				new SubmissionId(submissionId), submissionVersion, assessment.outcome(), evaluation.ruleIds(),
				assessment.rulesetVersion(), now, assessment.dueAt(),
				Identifier.ofNullable(supersedes, AssessmentId::new), clinicId));
		if (assessment.outcome() == Outcome.URGENT_SAME_DAY_REVIEW) {
			List<String> urgent = evaluation.of(Category.URGENT_ESCALATION).stream().map(Finding::ruleId).toList();
			this.outbox.publish(new UrgentReviewRequested(new PatientId(patientId), new AssessmentId(assessment.id()),
					urgent, now, assessment.dueAt(), clinicId));
		}
	}

	/**
	 * A withdrawn intake leaves the review queue; an approval made on it no longer stands
	 * ({@code ApprovalWithdrawn}), so plans made from it stop.
	 */
	@Transactional
	public void withdraw(UUID submissionId) {
		for (Assessment current : this.assessments.currentOf(submissionId)) {
			if (current.status() == Assessment.Status.PENDING_REVIEW) {
				this.assessments.changeStatus(current.id(), Assessment.Status.SUPERSEDED);
			}
			else if (current.status() == Assessment.Status.DECIDED && this.assessments.approved(current.id())) {
				this.assessments.changeStatus(current.id(), Assessment.Status.SUPERSEDED);
				this.outbox
					.publish(new ApprovalWithdrawn(new PatientId(current.patientId()), new AssessmentId(current.id()),
							new SubmissionId(submissionId), this.clock.instant(), current.clinicId()));
			}
		}
	}

	private static int priority(Evaluation evaluation) {
		if (evaluation.outcome() == Outcome.URGENT_SAME_DAY_REVIEW) {
			return URGENT;
		}
		return evaluation.fired("SCR-REV-26") ? HIGH : ROUTINE;
	}

	/**
	 * Urgent: by the end of the clinic's day; SCR-REV-26: within si.q3ReviewHours;
	 * others: reviewHours.
	 */
	private Instant dueAt(int priority, Instant now) {
		return switch (priority) {
			case URGENT -> LocalDate.ofInstant(now, this.properties.zone())
				.plusDays(1)
				.atStartOfDay(this.properties.zone())
				.toInstant();
			case HIGH -> now.plus(Duration.ofHours(this.criteria.criteria().si().q3ReviewHours()));
			default -> now.plus(Duration.ofHours(this.properties.reviewHours()));
		};
	}

}
