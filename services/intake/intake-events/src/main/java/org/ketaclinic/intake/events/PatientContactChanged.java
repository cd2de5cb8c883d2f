package org.ketaclinic.intake.events;

import java.time.Instant;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * How to reach a patient, and what they consented to; published when a patient is
 * registered and whenever either changes. Follow-up keeps a copy to send reminders and
 * check-ins.
 *
 * @param patientId the patient
 * @param phone mobile number in E.164 form, may be null
 * @param email email address, may be null
 * @param preferredChannel the channel the patient prefers
 * @param timeZone the patient's IANA time zone
 * @param consents current consents
 * @param changedAt when
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record PatientContactChanged(PatientId patientId, String phone, String email, Channel preferredChannel,
		String timeZone, Consents consents, Instant changedAt,
		String clinicId) implements IntakeTopicEvent, PatientsTopicEvent {

	@Override
	public EventType type() {
		return IntakeEvents.PATIENT_CONTACT_CHANGED;
	}

	@Override
	public String subject() {
		return "patient/" + patientId();
	}

	@Override
	public <C> void sendTo(IntakeTopicEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	@Override
	public <C> void sendTo(PatientsTopicEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as producers wrote it before clinics (ADR 12): of the default clinic.
	 */
	public PatientContactChanged(PatientId patientId, String phone, String email, Channel preferredChannel,
			String timeZone, Consents consents, Instant changedAt) {
		this(patientId, phone, email, preferredChannel, timeZone, consents, changedAt, null);
	}

	/** A messaging channel. */
	public enum Channel {

		SMS, EMAIL

	}

	/**
	 * Consents as they stand.
	 *
	 * @param treatment consent to treatment
	 * @param sms consent to SMS messages
	 * @param email consent to email messages
	 * @param textVersion the version of the consent text agreed to
	 */
	public record Consents(boolean treatment, boolean sms, boolean email, String textVersion) {
	}

}
