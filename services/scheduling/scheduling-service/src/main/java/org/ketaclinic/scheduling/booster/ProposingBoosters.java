package org.ketaclinic.scheduling.booster;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.ProposalId;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.events.BoosterProposed;
import org.ketaclinic.scheduling.events.PlanKind;
import org.ketaclinic.scheduling.events.Protocol;
import org.ketaclinic.scheduling.events.TreatmentPlanCreated;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;
import org.ketaclinic.scheduling.protocol.ProtocolProperties;
import org.ketaclinic.scheduling.safety.PatientSafety;
import org.ketaclinic.scheduling.safety.SafetyProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A relapse risk proposes a booster of the patient's protocol, no earlier than the
 * minimum interval after their last session; a clinician approves it (a one-session
 * booster plan) or declines it.
 */
@Service
public class ProposingBoosters {

	private final JdbcClient jdbc;

	private final Plans plans;

	private final ProtocolProperties protocols;

	private final SafetyProperties safety;

	private final PatientSafety patientSafety;

	private final Outbox outbox;

	private final Clock clock;

	ProposingBoosters(JdbcClient jdbc, Plans plans, ProtocolProperties protocols, SafetyProperties safety,
			PatientSafety patientSafety, Outbox outbox, Clock clock) {
		this.patientSafety = patientSafety;
		this.jdbc = jdbc;
		this.plans = plans;
		this.protocols = protocols;
		this.safety = safety;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Proposes a booster for a patient with a treatment plan; patients never treated here
	 * get none.
	 */
	@Transactional
	public Optional<UUID> propose(UUID patientId, List<String> reasons, String sourceEventId) {
		Optional<TreatmentPlan> latest = this.plans.ofPatient(patientId).stream().findFirst();
		if (latest.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Instant lastSession = this.jdbc.sql("""
				SELECT max(starts_at) FROM session WHERE patient_id = ? AND status IN ('BOOKED', 'CHECKED_IN',
					'IN_PROGRESS', 'COMPLETED')
				""").param(patientId).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
		LocalDate today = LocalDate.ofInstant(now, ZoneId.of("UTC"));
		LocalDate earliest = (lastSession != null)
				? LocalDate.ofInstant(lastSession, ZoneId.of("UTC")).plusDays(this.protocols.boosterMinIntervalDays())
				: today;
		if (earliest.isBefore(today)) {
			earliest = today;
		}
		UUID proposalId = UUID.randomUUID();
		int added = this.jdbc.sql("""
				INSERT INTO booster_proposal (id, patient_id, protocol, reasons, earliest_date, source_event_id, status,
					created_at, clinic_id)
				VALUES (?, ?, ?, ?::text[], ?, ?, 'PROPOSED', ?, ?) ON CONFLICT (source_event_id) DO NOTHING
				""")
			.params(proposalId, patientId, latest.get().protocol(), "{" + String.join(",", reasons) + "}", earliest,
					sourceEventId, Timestamp.from(now), latest.get().clinicId())
			.update();
		if (added == 0) {
			return Optional.empty();
		}
		this.outbox.publish(new BoosterProposed(new PatientId(patientId), new ProposalId(proposalId),
				Protocol.valueOf(latest.get().protocol()), reasons, earliest, now, latest.get().clinicId()));
		return Optional.of(proposalId);
	}

	/**
	 * Approves a proposal: a one-session booster plan to book, standing on the approval
	 * of the patient's latest plan. Approving again answers the first approval. A booster
	 * needs that approval to still stand and to be at most
	 * {@code maintenance-review-every-days} old; otherwise the patient needs a fresh
	 * clinician review (409). The approval is looked for among the plans of the
	 * proposal's clinic.
	 * @param clinics the caller's clinics: another clinic's proposal answers like an
	 * unknown one (ADR 12)
	 */
	@Transactional
	public Proposal approve(UUID proposalId, String by, String note, String[] clinics) {
		Proposal proposal = locked(proposalId, clinics);
		if ("APPROVED".equals(proposal.status())) {
			return proposal;
		}
		if (!"PROPOSED".equals(proposal.status())) {
			throw new ConflictException("This proposal was already " + proposal.status().toLowerCase());
		}
		Instant now = this.clock.instant();
		TreatmentPlan standsOn = this.plans.ofPatient(proposal.patientId(), Clinics.only(proposal.clinicId()))
			.stream()
			.filter((p) -> p.approvalId() != null)
			.findFirst()
			.orElseThrow(() -> new ConflictException(
					"A booster needs a fresh clinician review: no approval of this patient stands"));
		if (!this.plans.approvalStands(standsOn.approvalId())) {
			throw new ConflictException("A booster needs a fresh clinician review: the approval it would stand on was"
					+ " withdrawn, superseded or stopped");
		}
		Optional<Instant> urgent = this.patientSafety.urgentAfter(proposal.patientId(), standsOn.approvedAt());
		if (urgent.isPresent()) {
			throw new ConflictException("A booster needs a fresh clinician review after the urgent finding of "
					+ LocalDate.ofInstant(urgent.get(), ZoneId.of("UTC"))
					+ ": the approval it would stand on was given before it");
		}
		int reviewDays = this.safety.maintenanceReviewEveryDays();
		if (standsOn.approvedAt() == null
				|| now.isAfter(standsOn.approvedAt().plus(java.time.Duration.ofDays(reviewDays)))) {
			throw new ConflictException("A booster needs a fresh clinician review: the approval it stands on is more"
					+ " than " + reviewDays + " days old");
		}
		TreatmentPlan plan = new TreatmentPlan(UUID.randomUUID(), proposal.patientId(), null, proposal.protocol(),
				"BOOSTER", 1, "ACTIVE", now, standsOn.approvalId(), standsOn.approvedAt(), proposal.clinicId());
		this.plans.add(plan);
		this.jdbc.sql("""
				UPDATE booster_proposal SET status = 'APPROVED', decided_by = ?, decided_at = ?, decision_note = ?,
					plan_id = ? WHERE id = ?
				""").params(by, Timestamp.from(now), note, plan.id(), proposalId).update();
		this.outbox.publish(new TreatmentPlanCreated(new PatientId(plan.patientId()), new PlanId(plan.id()), null,
				Protocol.valueOf(plan.protocol()), PlanKind.BOOSTER, 1, now, plan.clinicId(),
				this.plans.version(plan.id())));
		return locked(proposalId, clinics);
	}

	/** Declines a proposal of one of these clinics (the caller's) with a note. */
	@Transactional
	public Proposal decline(UUID proposalId, String by, String note, String[] clinics) {
		Proposal proposal = locked(proposalId, clinics);
		if ("DECLINED".equals(proposal.status())) {
			return proposal;
		}
		if (!"PROPOSED".equals(proposal.status())) {
			throw new ConflictException("This proposal was already " + proposal.status().toLowerCase());
		}
		this.jdbc.sql("""
				UPDATE booster_proposal SET status = 'DECLINED', decided_by = ?, decided_at = ?, decision_note = ?
				WHERE id = ?
				""").params(by, Timestamp.from(this.clock.instant()), note, proposalId).update();
		return locked(proposalId, clinics);
	}

	public List<Proposal> open() {
		return this.jdbc.sql("SELECT * FROM booster_proposal WHERE status = 'PROPOSED' ORDER BY created_at")
			.query((rs, row) -> proposal(rs))
			.list();
	}

	/** The open proposals of these clinics (the caller's, ADR 12), oldest first. */
	public List<Proposal> open(String[] clinics) {
		return this.jdbc
			.sql("SELECT * FROM booster_proposal WHERE status = 'PROPOSED' AND clinic_id = ANY(?) ORDER BY created_at")
			.param(clinics)
			.query((rs, row) -> proposal(rs))
			.list();
	}

	/**
	 * A proposal of one of these clinics; empty for another clinic's, as for an unknown
	 * id.
	 */
	public Optional<Proposal> find(UUID proposalId, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM booster_proposal WHERE id = ? AND clinic_id = ANY(?)")
			.params(proposalId, clinics)
			.query((rs, row) -> proposal(rs))
			.optional();
	}

	private Proposal locked(UUID proposalId, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM booster_proposal WHERE id = ? AND clinic_id = ANY(?) FOR UPDATE")
			.params(proposalId, clinics)
			.query((rs, row) -> proposal(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No booster proposal " + proposalId));
	}

	private static Proposal proposal(java.sql.ResultSet rs) throws java.sql.SQLException {
		Array reasons = rs.getArray("reasons");
		return new Proposal(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
				rs.getString("protocol"), Arrays.asList((String[]) reasons.getArray()),
				rs.getObject("earliest_date", LocalDate.class), rs.getString("status"), rs.getString("decided_by"),
				rs.getObject("plan_id", UUID.class), rs.getString("clinic_id"));
	}

	/**
	 * A booster proposal.
	 *
	 * @param proposalId the proposal
	 * @param patientId the patient
	 * @param protocol the protocol
	 * @param reasons why it was proposed
	 * @param earliestDate the first day a booster may be given
	 * @param status PROPOSED, APPROVED or DECLINED
	 * @param decidedBy the clinician who decided
	 * @param planId the booster plan, once approved
	 * @param clinicId the patient's clinic (that of their latest plan)
	 */
	public record Proposal(UUID proposalId, UUID patientId, String protocol, List<String> reasons,
			LocalDate earliestDate, String status, String decidedBy, UUID planId, String clinicId) {
	}

}
