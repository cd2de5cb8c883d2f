package org.ketaclinic.followup.events;

import java.time.Instant;

import org.ketaclinic.events.AlertId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * An urgent alert was raised and the clinic's on-call clinician paged. While it is open
 * (not yet acknowledged by a clinician) the patient is not checked in, started or dosed.
 *
 * @param patientId the patient
 * @param alertId the alert
 * @param source what raised it: {@code SCREENING} (an urgent screening outcome),
 * {@code CHECK_IN} (a check-in's safety answers), {@code PRE_DOSE} (a positive pre-dose
 * safety check) or {@code SMS_REPLY} (a text reply with crisis words)
 * @param raisedAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 * @param alertVersion the alert's version after this change (issue 19): it grows with
 * every change of the alert, and a consumer applies an event only if it is newer than the
 * last it applied; null from producers before versions, applied in order of arrival
 */
public record UrgentAlertRaised(PatientId patientId, AlertId alertId, AlertSource source, Instant raisedAt,
		String clinicId, Long alertVersion) implements FollowupEvent {

	@Override
	public EventType type() {
		return FollowupEvents.URGENT_ALERT_RAISED;
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
	public UrgentAlertRaised(PatientId patientId, AlertId alertId, AlertSource source, Instant raisedAt,
			String clinicId) {
		this(patientId, alertId, source, raisedAt, clinicId, null);
	}

	/**
	 * The event as it was written before clinics (ADR 12): of the default clinic.
	 */
	public UrgentAlertRaised(PatientId patientId, AlertId alertId, AlertSource source, Instant raisedAt) {
		this(patientId, alertId, source, raisedAt, null);
	}

}
