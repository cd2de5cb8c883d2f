package org.ketaclinic.followup.events;

import java.time.Instant;

import org.ketaclinic.events.AlertId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * A clinician acknowledged an urgent alert with their assessment: paging stops and the
 * alert no longer holds the patient's dosing.
 *
 * @param patientId the patient
 * @param alertId the alert
 * @param acknowledgedAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 * @param alertVersion the alert's version after this change (issue 19): it grows with
 * every change of the alert, and a consumer applies an event only if it is newer than the
 * last it applied; null from producers before versions, applied in order of arrival
 */
public record UrgentAlertAcknowledged(PatientId patientId, AlertId alertId, Instant acknowledgedAt, String clinicId,
		Long alertVersion) implements FollowupEvent {

	@Override
	public EventType type() {
		return FollowupEvents.URGENT_ALERT_ACKNOWLEDGED;
	}

	@Override
	public String subject() {
		return alertId().toString();
	}

	@Override
	public <C> void sendTo(FollowupEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as it was written before versions (issue 19): applied in order of
	 * arrival.
	 */
	public UrgentAlertAcknowledged(PatientId patientId, AlertId alertId, Instant acknowledgedAt, String clinicId) {
		this(patientId, alertId, acknowledgedAt, clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public UrgentAlertAcknowledged(PatientId patientId, AlertId alertId, Instant acknowledgedAt) {
		this(patientId, alertId, acknowledgedAt, null);
	}

}
