package org.ketaclinic.followup.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.CheckInId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * Check-ins suggest the treatment effect is fading (clinical-criteria.md §5): a clinician
 * should review the patient, and may propose a booster.
 *
 * @param patientId the patient
 * @param checkInId the check-in that confirmed the risk
 * @param reasons why: {@code LOSS_OF_RESPONSE}, {@code LOSS_OF_REMISSION},
 * {@code CLINICALLY_SIGNIFICANT_WORSENING}
 * @param baselinePhq9 the baseline PHQ-9 total
 * @param phq9Total the latest PHQ-9 total
 * @param detectedAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record RelapseRiskDetected(PatientId patientId, CheckInId checkInId, List<Reason> reasons, Integer baselinePhq9,
		int phq9Total, Instant detectedAt, String clinicId) implements FollowupEvent {

	@Override
	public EventType type() {
		return FollowupEvents.RELAPSE_RISK_DETECTED;
	}

	@Override
	public String subject() {
		return checkInId().toString();
	}

	@Override
	public <C> void sendTo(FollowupEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public RelapseRiskDetected(PatientId patientId, CheckInId checkInId, List<Reason> reasons, Integer baselinePhq9,
			int phq9Total, Instant detectedAt) {
		this(patientId, checkInId, reasons, baselinePhq9, phq9Total, detectedAt, null);
	}

	/** The definitions of §5 that were met. */
	public enum Reason {

		/**
		 * After response, the reduction from baseline fell below 50% on two consecutive
		 * check-ins.
		 */
		LOSS_OF_RESPONSE,
		/** After remission, PHQ-9 of 10 or more on two consecutive check-ins. */
		LOSS_OF_REMISSION,
		/** PHQ-9 up by 5 or more points from the previous assessment. */
		CLINICALLY_SIGNIFICANT_WORSENING

	}

}
