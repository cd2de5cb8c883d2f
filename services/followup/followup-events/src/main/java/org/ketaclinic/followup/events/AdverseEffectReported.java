package org.ketaclinic.followup.events;

import java.time.Instant;
import java.util.List;

import org.ketaclinic.events.AlertId;
import org.ketaclinic.events.CheckInId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * A check-in's safety or side-effect answers need a clinician (clinical-criteria.md §5):
 * {@code URGENT} the same day, {@code REVIEW} at the next review.
 *
 * @param patientId the patient
 * @param checkInId the check-in
 * @param alertId the clinician alert it opened
 * @param severity {@code URGENT} or {@code REVIEW}
 * @param reasons codes, e.g. {@code PHQ9_ITEM9_AT_LEAST_2}, {@code SUICIDAL_INTENT},
 * {@code SEVERE_SYMPTOM_CHEST_PAIN}, {@code URINARY_SYMPTOMS}
 * @param reportedAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record AdverseEffectReported(PatientId patientId, CheckInId checkInId, AlertId alertId, Severity severity,
		List<String> reasons, Instant reportedAt, String clinicId) implements FollowupEvent {

	@Override
	public EventType type() {
		return FollowupEvents.ADVERSE_EFFECT_REPORTED;
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
	public AdverseEffectReported(PatientId patientId, CheckInId checkInId, AlertId alertId, Severity severity,
			List<String> reasons, Instant reportedAt) {
		this(patientId, checkInId, alertId, severity, reasons, reportedAt, null);
	}

	/** How soon a clinician must look. */
	public enum Severity {

		/** The same day: suicide risk or symptoms that need emergency care. */
		URGENT,
		/** At the next clinician review. */
		REVIEW

	}

}
