package org.ketaclinic.scheduling.plan;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.scheduling.events.PlanKind;
import org.ketaclinic.scheduling.events.Protocol;
import org.ketaclinic.scheduling.events.TreatmentPlanCreated;
import org.ketaclinic.scheduling.protocol.ProtocolProperties;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An approval becomes a treatment plan for the approved protocol, once. */
@Service
public class PlanningTreatment {

	private final Plans plans;

	private final ProtocolProperties protocols;

	private final Outbox outbox;

	private final Clock clock;

	PlanningTreatment(Plans plans, ProtocolProperties protocols, Outbox outbox, Clock clock) {
		this.plans = plans;
		this.protocols = protocols;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * An approval becomes an induction plan standing on it, once, in the patient's
	 * clinic.
	 */
	@Transactional
	public void planInduction(UUID patientId, UUID assessmentId, String protocol, Instant approvedAt, String clinicId) {
		int sessions = this.protocols.of(protocol).sessions();
		TreatmentPlan plan = new TreatmentPlan(UUID.randomUUID(), patientId, assessmentId, protocol, "INDUCTION",
				sessions, "ACTIVE", this.clock.instant(), assessmentId,
				(approvedAt != null) ? approvedAt : this.clock.instant(), clinicId);
		if (this.plans.add(plan)) {
			this.outbox.publish(new TreatmentPlanCreated(new PatientId(patientId), new PlanId(plan.id()),
					new AssessmentId(assessmentId), Protocol.valueOf(protocol), PlanKind.valueOf(plan.kind()), sessions,
					plan.createdAt(), clinicId, this.plans.version(plan.id())));
		}
	}

}
