package org.ketaclinic.followup.checkin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.ketaclinic.events.AlertId;
import org.ketaclinic.events.CheckInId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.alert.Alerts;
import org.ketaclinic.followup.events.AdverseEffectReported;
import org.ketaclinic.followup.events.CheckInCompleted;
import org.ketaclinic.followup.events.CheckInStatus;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.CheckInKind;
import org.ketaclinic.followup.policy.Phq9Course;
import org.ketaclinic.followup.policy.SafetyScreen;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a patient's check-in answers: validates and scores them, raises an urgent alert
 * at once for the safety answers of clinical-criteria.md §5, judges the PHQ-9 against the
 * baseline and the earlier check-ins, and publishes what other services need, all in one
 * transaction. A link answers once. A PHQ-9 item left blank ({@code null}) is kept blank:
 * the total is then unknown, item 9 still counts. Answers refused for a missing safety
 * answer (or any other fault) are screened on what was answered by the same policy:
 * urgent raises the urgent alert (paged) before the 400, which then carries the crisis
 * resources, review-only a review alert; the link stays usable, and the complete answer
 * sent later raises its own alert.
 */
@Service
public class AnsweringCheckIns {

	private final CheckIns checkIns;

	private final Patients patients;

	private final Alerts alerts;

	private final Outbox outbox;

	private final Phq9Course course;

	private final String crisisText;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	AnsweringCheckIns(CheckIns checkIns, Patients patients, Alerts alerts, Outbox outbox, FollowupProperties properties,
			Clock clock, TransactionTemplate transactions, AuditLog audit) {
		this.transactions = transactions;
		this.audit = audit;
		this.checkIns = checkIns;
		this.patients = patients;
		this.alerts = alerts;
		this.outbox = outbox;
		this.course = properties.phq9().course();
		this.crisisText = properties.crisisText();
		this.clock = clock;
	}

	/** The check-in a link opens, if it still may be answered. */
	public CheckIn open(String token) {
		return usable(this.checkIns.byToken(token)
			.orElseThrow(() -> new NotFoundException("This check-in link is not valid")));
	}

	private CheckIn usable(CheckIn checkIn) {
		if ("ANSWERED".equals(checkIn.status())) {
			throw new LinkGoneException("This check-in was already answered. Thank you.");
		}
		if ("CANCELLED".equals(checkIn.status())) {
			throw new LinkGoneException("This check-in is no longer needed.");
		}
		if (checkIn.expiresAt() != null && this.clock.instant().isAfter(checkIn.expiresAt())) {
			throw new LinkGoneException("This check-in link has expired.");
		}
		return checkIn;
	}

	/**
	 * Takes the answers to a check-in.
	 * @param token the link's token
	 * @param answers the answers
	 * @return what the patient is shown and the clinic learnt
	 * @throws RefusedAnswersException when the answers are incomplete or invalid; the
	 * urgent alert their positive risk answers raise is committed all the same
	 */
	public Outcome answer(String token, Answers answers) {
		Object result = this.transactions.execute((status) -> {
			CheckIn checkIn = usable(this.checkIns.lockByToken(token)
				.orElseThrow(() -> new NotFoundException("This check-in link is not valid")));
			List<FieldError> errors = validate(checkIn.kind(), answers);
			if (errors.isEmpty()) {
				Outcome outcome = take(checkIn, answers);
				this.audit.recordChange(checkIn.clinicId(), checkIn.patientId(), "CHECK_IN_ANSWERED",
						"check-in/" + checkIn.id());
				return outcome;
			}
			SafetyScreen.Severity raised = raiseForRefused(checkIn, answers);
			if (raised != SafetyScreen.Severity.NONE) {
				// the alert commits although the answers are refused, and its entry with
				// it
				this.audit.recordChange(checkIn.clinicId(), checkIn.patientId(), "CHECK_IN_INCOMPLETE_ALERT_RAISED",
						"check-in/" + checkIn.id());
			}
			return new RefusedAnswersException(errors,
					(raised == SafetyScreen.Severity.URGENT) ? this.crisisText : null);
		});
		if (result instanceof RefusedAnswersException refused) {
			throw refused;
		}
		return (Outcome) result;
	}

	/**
	 * Answers that were refused but hold a risk answer are screened now with the policy a
	 * complete answer meets ({@link SafetyScreen}) on what was answered (a blank counts
	 * as nothing): urgent raises an urgent alert that pages, review-only a review alert.
	 * Each has its own origin ({@code <check-in>:SAFETY_INCOMPLETE:<severity>}), never
	 * the complete answer's, so a later complete answer still raises (and pages) for
	 * itself, and a later urgent refusal is not swallowed by an earlier review one.
	 * @return whether the answers were urgent (the patient is shown the crisis resources)
	 */
	private SafetyScreen.Severity raiseForRefused(CheckIn checkIn, Answers answers) {
		List<Integer> items = answers.phq9Items();
		Integer item9 = (items != null && (items.size() == 9 || items.size() == 1)) ? items.get(items.size() - 1)
				: null;
		int answeredItem9 = (item9 != null && item9 >= 0 && item9 <= 3) ? item9 : 0;
		Answers.Safety safety = answers.safety();
		SafetyScreen.Finding finding = SafetyScreen.screen(answeredItem9,
				safety != null && Boolean.TRUE.equals(safety.suicidalIntent()),
				safety != null && Boolean.TRUE.equals(safety.suicidalPlan()),
				safety != null && Boolean.TRUE.equals(safety.suicidalBehaviour()),
				(safety != null) ? Set.copyOf(safety.severeSymptoms()) : Set.of());
		if (finding.severity() == SafetyScreen.Severity.NONE) {
			return SafetyScreen.Severity.NONE;
		}
		boolean urgent = finding.severity() == SafetyScreen.Severity.URGENT;
		this.alerts.raise(checkIn.patientId(), checkIn.id(), finding.severity().name(),
				urgent ? "Urgent: check-in safety answers, sent incomplete"
						: "Check-in answers to review, sent incomplete",
				finding.reasons(), checkIn.id() + ":SAFETY_INCOMPLETE:" + finding.severity().name());
		return finding.severity();
	}

	private Outcome take(CheckIn checkIn, Answers answers) {
		Instant now = this.clock.instant();
		Patient patient = this.patients.lock(checkIn.patientId());
		List<Integer> items = answers.phq9Items();
		Integer total = (items.size() == 9 && items.stream().allMatch(Objects::nonNull))
				? items.stream().mapToInt(Integer::intValue).sum() : null;
		int item9 = items.get(items.size() - 1);
		Answers.Safety safety = answers.safety();
		List<String> symptoms = new ArrayList<>(
				(answers.sideEffects() != null) ? answers.sideEffects().codes() : List.of());
		symptoms.addAll(safety.severeSymptoms());
		Phq9Course.Status status = (total != null) ? this.course.status(patient.baselinePhq9(), total)
				: Phq9Course.Status.UNKNOWN;
		this.checkIns
			.answered(checkIn.id(), now, items, total, item9, answers.moodRating(), symptoms,
					EventJson.mapper()
						.writeValueAsString(Map.of("suicidalIntent", safety.suicidalIntent(), "suicidalPlan",
								safety.suicidalPlan(), "suicidalBehaviour", safety.suicidalBehaviour())),
					status.name());

		SafetyScreen.Finding finding = SafetyScreen.screen(item9, safety.suicidalIntent(), safety.suicidalPlan(),
				safety.suicidalBehaviour(), Set.copyOf(symptoms));
		boolean urgent = finding.severity() == SafetyScreen.Severity.URGENT;
		if (finding.severity() != SafetyScreen.Severity.NONE) {
			UUID alertId = this.alerts.raise(patient.id(), checkIn.id(), finding.severity().name(),
					urgent ? "Urgent: check-in safety answers" : "Check-in answers to review", finding.reasons(),
					checkIn.id() + ":SAFETY");
			this.outbox.publish(new AdverseEffectReported(new PatientId(patient.id()), new CheckInId(checkIn.id()),
					new AlertId(alertId), AdverseEffectReported.Severity.valueOf(finding.severity().name()),
					finding.reasons(), now, patient.clinicId()));
		}
		if (total != null) {
			judgeCourse(patient, checkIn, status, now);
		}
		this.outbox.publish(new CheckInCompleted(new PatientId(patient.id()), new CheckInId(checkIn.id()),
				checkIn.kind().name(), total, item9, patient.baselinePhq9(), CheckInStatus.valueOf(status.name()),
				List.copyOf(new LinkedHashSet<>(symptoms)), now, patient.clinicId()));
		return new Outcome(checkIn.id(), patient.id(), total, status.name(), urgent, urgent ? this.crisisText : null);
	}

	private void judgeCourse(Patient patient, CheckIn checkIn, Phq9Course.Status status, Instant now) {
		List<Phq9Course.Point> points = this.checkIns.answeredBy(patient.id())
			.stream()
			.filter((answered) -> answered.phq9Total() != null)
			.map((answered) -> new Phq9Course.Point(answered.answeredAt(), answered.phq9Total()))
			.toList();
		Phq9Course.Assessment assessment = this.course.assess(patient.baselinePhq9(), points);
		List<String> relapse = assessment.relapseRisk().stream().map(Enum::name).toList();
		if (!relapse.isEmpty() && patient.relapseReportedAt() == null) {
			this.patients.relapseReported(patient.id(), now);
			this.alerts.raise(patient.id(), checkIn.id(), "REVIEW", "Relapse risk", relapse, checkIn.id() + ":RELAPSE");
			this.outbox.publish(new RelapseRiskDetected(new PatientId(patient.id()), new CheckInId(checkIn.id()),
					assessment.relapseRisk()
						.stream()
						.map((reason) -> RelapseRiskDetected.Reason.valueOf(reason.name()))
						.toList(),
					patient.baselinePhq9(), points.get(points.size() - 1).total(), now, patient.clinicId()));
		}
		else if (relapse.isEmpty()
				&& assessment.worsening().contains(Phq9Course.Reason.CLINICALLY_SIGNIFICANT_WORSENING)) {
			this.alerts.raise(patient.id(), checkIn.id(), "REVIEW", "PHQ-9 worse",
					List.of(Phq9Course.Reason.CLINICALLY_SIGNIFICANT_WORSENING.name()), checkIn.id() + ":WORSENING");
		}
		if (!assessment.isWorsening()
				&& (status == Phq9Course.Status.RESPONSE || status == Phq9Course.Status.REMISSION)) {
			this.patients.relapseReported(patient.id(), null);
		}
		if (checkIn.kind() == CheckInKind.POST_SERIES && status == Phq9Course.Status.NO_RESPONSE
				&& !patient.nonResponseReviewed()) {
			this.patients.nonResponseReviewed(patient.id());
			this.alerts.raise(patient.id(), checkIn.id(), "REVIEW", "Review after induction",
					List.of("NON_RESPONSE_AFTER_INDUCTION"), checkIn.id() + ":NON_RESPONSE");
		}
	}

	private static List<FieldError> validate(CheckInKind kind, Answers answers) {
		List<FieldError> errors = new ArrayList<>();
		List<Integer> items = answers.phq9Items();
		if (items == null) {
			errors.add(new FieldError("phq9Items", "is required"));
		}
		else if (items.size() != 9 && !(kind.scope() == CheckInKind.Scope.BRIEF && items.size() == 1)) {
			errors.add(new FieldError("phq9Items", (kind.scope() == CheckInKind.Scope.BRIEF)
					? "must hold all 9 answers, or item 9 alone" : "must hold all 9 answers"));
		}
		else {
			for (int i = 0; i < items.size(); i++) {
				Integer item = items.get(i);
				if (i == items.size() - 1 && item == null) {
					// item 9 is a safety answer: a blank is not a "no"
					errors.add(new FieldError("phq9Items[" + i + "]", "is required (item 9): 0, 1, 2 or 3"));
				}
				else if (item != null && (item < 0 || item > 3)) {
					errors.add(new FieldError("phq9Items[" + i + "]", "must be 0, 1, 2 or 3, or null if left blank"));
				}
			}
		}
		if (answers.moodRating() != null && (answers.moodRating() < 0 || answers.moodRating() > 10)) {
			errors.add(new FieldError("moodRating", "must be 0 to 10"));
		}
		// every safety answer is required: a blank is not a "no"
		Answers.Safety safety = answers.safety();
		if (safety == null || safety.suicidalIntent() == null) {
			errors.add(new FieldError("safety.suicidalIntent", "is required (yes or no)"));
		}
		if (safety == null || safety.suicidalPlan() == null) {
			errors.add(new FieldError("safety.suicidalPlan", "is required (yes or no)"));
		}
		if (safety == null || safety.suicidalBehaviour() == null) {
			errors.add(new FieldError("safety.suicidalBehaviour", "is required (yes or no)"));
		}
		return errors;
	}

	/**
	 * What came of an answered check-in.
	 *
	 * @param checkInId the check-in
	 * @param patientId the patient
	 * @param phq9Total the PHQ-9 total, if all nine items were answered
	 * @param status the response status against the baseline
	 * @param urgent whether an urgent alert was raised
	 * @param crisisResources what the patient must be shown at once, when urgent
	 */
	public record Outcome(UUID checkInId, UUID patientId, Integer phq9Total, String status, boolean urgent,
			String crisisResources) {
	}

}
