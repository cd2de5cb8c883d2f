package org.ketaclinic.scheduling.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A booked session was cancelled; its reminders stop. The free-text reason stays in
 * scheduling.
 *
 * @param patientId the patient
 * @param planId the plan
 * @param sessionId the session
 * @param startsAt when it would have started
 * @param reasonCode why, as a code: {@code PATIENT_REQUEST}, {@code CLINIC_REQUEST},
 * {@code APPROVAL_WITHDRAWN}, {@code OTHER}, {@code PLAN_STOPPED} (its plan stopped: see
 * {@code TreatmentPlanStopped})
 * @param cancelledAt when
 * @param clinicId the patient's clinic (ADR 12); null from producers before clinics,
 * meaning the default clinic
 */
public record SessionCancelled(UUID patientId, UUID planId, UUID sessionId, OffsetDateTime startsAt, String reasonCode,
		Instant cancelledAt, String clinicId) {

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public SessionCancelled(UUID patientId, UUID planId, UUID sessionId, OffsetDateTime startsAt, String reasonCode,
			Instant cancelledAt) {
		this(patientId, planId, sessionId, startsAt, reasonCode, cancelledAt, null);
	}

}
