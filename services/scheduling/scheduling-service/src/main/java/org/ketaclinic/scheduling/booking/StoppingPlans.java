package org.ketaclinic.scheduling.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.events.CancellationReason;
import org.ketaclinic.scheduling.events.SessionCancelled;
import org.ketaclinic.scheduling.events.StopReason;
import org.ketaclinic.scheduling.events.TreatmentPlanStopped;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A stopped plan stops everything: a withdrawn or superseded approval, a new urgent
 * finding, a booster's approval past its maintenance review, or a clinician's
 * cancellation cancels the plan and every session of it still to come (booked and not yet
 * over, or checked in), each a {@code SessionCancelled} with reason {@code PLAN_STOPPED},
 * and publishes one {@code TreatmentPlanStopped} listing them so the front desk calls the
 * patient. A session in progress is left to its clinician.
 */
@Service
public class StoppingPlans {

	/** Why a plan stops, as {@code TreatmentPlanStopped.reasonCode}. */
	public static final Set<String> REASONS = Set.of("APPROVAL_WITHDRAWN", "APPROVAL_SUPERSEDED", "URGENT_FINDING",
			"PLAN_CANCELLED", "REVIEW_EXPIRED");

	private final Plans plans;

	private final Sessions sessions;

	private final Clinics clinics;

	private final Outbox outbox;

	private final Clock clock;

	StoppingPlans(Plans plans, Sessions sessions, Clinics clinics, Outbox outbox, Clock clock) {
		this.plans = plans;
		this.sessions = sessions;
		this.clinics = clinics;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** Stops every active plan standing on an approval that no longer stands. */
	@Transactional
	public List<UUID> approvalNoLongerStands(UUID approvalId, String reasonCode) {
		List<UUID> stopped = new ArrayList<>();
		for (UUID planId : this.plans.activeStandingOn(approvalId)) {
			if (stop(this.plans.lock(planId).orElseThrow(), reasonCode, null, "system")) {
				stopped.add(planId);
			}
		}
		return stopped;
	}

	/**
	 * Stops every active plan of a patient with a new urgent finding that stands on an
	 * approval given before the finding's assessment, however late the plan was made (a
	 * plan approved after it stands on a later decision; the open finding still holds its
	 * dosing).
	 */
	@Transactional
	public List<UUID> urgentFinding(UUID patientId, Instant assessedAt) {
		List<UUID> stopped = new ArrayList<>();
		for (UUID planId : this.plans.activeOfPatientApprovedBefore(patientId, assessedAt)) {
			if (stop(this.plans.lock(planId).orElseThrow(), "URGENT_FINDING", null, "system")) {
				stopped.add(planId);
			}
		}
		return stopped;
	}

	/**
	 * Stops the boosters whose approval is past the maintenance review
	 * ({@code REVIEW_EXPIRED}): their sessions cannot be checked in or started anyway, so
	 * they are cancelled and the front desk told to call the patient, who needs a fresh
	 * clinician review. A booster with a session in progress waits for its completion.
	 * @return the plans stopped
	 */
	@Transactional
	public List<UUID> reviewExpired(int reviewEveryDays) {
		List<UUID> stopped = new ArrayList<>();
		Instant cutOff = this.clock.instant().minus(Duration.ofDays(reviewEveryDays));
		for (UUID planId : this.plans.activeBoostersApprovedBefore(cutOff, 200)) {
			if (stop(this.plans.lock(planId).orElseThrow(), "REVIEW_EXPIRED", null, "system")) {
				stopped.add(planId);
			}
		}
		return stopped;
	}

	/**
	 * A clinician cancels a plan with a reason; cancelling a cancelled plan again answers
	 * it as it is.
	 * @param clinics the caller's clinics: another clinic's plan answers like an unknown
	 * one (ADR 12)
	 */
	@Transactional
	public TreatmentPlan cancel(UUID planId, String reason, String by, String[] clinics) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidRequestException("reason", "is required: say why the plan is cancelled");
		}
		TreatmentPlan plan = this.plans.lock(planId, clinics)
			.orElseThrow(() -> new NotFoundException("No plan " + planId));
		if ("CANCELLED".equals(plan.status())) {
			return plan;
		}
		if (!"ACTIVE".equals(plan.status())) {
			throw new ConflictException("This plan is " + plan.status().toLowerCase() + "; it cannot be cancelled");
		}
		stop(plan, "PLAN_CANCELLED", reason, by);
		return this.plans.find(planId, clinics).orElseThrow();
	}

	/**
	 * Stops a plan its caller has locked (through the staff member's clinics, or a system
	 * path's own read); everything else is read within the plan's clinic.
	 */
	private boolean stop(TreatmentPlan plan, String reasonCode, String note, String by) {
		UUID planId = plan.id();
		String[] ofPlan = Clinics.only(plan.clinicId());
		Instant now = this.clock.instant();
		if (!this.plans.stop(planId, reasonCode, note, now, by)) {
			return false;
		}
		List<UUID> cancelled = new ArrayList<>();
		for (Session session : this.sessions.lockOfPlan(planId, ofPlan)) {
			boolean ahead = "BOOKED".equals(session.status()) && session.endsAt().isAfter(now);
			if (ahead || "CHECKED_IN".equals(session.status())) {
				this.sessions.changeStatus(session.id(), "CANCELLED", now, by, "PLAN_STOPPED: " + reasonCode);
				this.outbox.publish(new SessionCancelled(new PatientId(plan.patientId()), new PlanId(planId),
						new SessionId(session.id()),
						session.startsAt()
							.atZone(this.clinics.location(session.locationId(), ofPlan).orElseThrow().zone())
							.toOffsetDateTime(),
						CancellationReason.PLAN_STOPPED, now, plan.clinicId(), this.sessions.version(session.id())));
				cancelled.add(session.id());
			}
		}
		this.outbox.publish(new TreatmentPlanStopped(new PatientId(plan.patientId()), new PlanId(planId),
				StopReason.valueOf(reasonCode), cancelled.stream().map(SessionId::new).toList(), now, plan.clinicId(),
				this.plans.version(planId)));
		return true;
	}

}
