package org.ketaclinic.followup.patient;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * What follow-up knows about a patient.
 *
 * @param id the patient
 * @param phone mobile number (E.164), may be null
 * @param email email address, may be null
 * @param preferredChannel {@code SMS} or {@code EMAIL}, may be null
 * @param timeZone IANA zone, may be null until the contact arrives
 * @param smsConsent consent to SMS
 * @param emailConsent consent to email
 * @param smsOptedOutAt when the patient texted STOP, null if not opted out
 * @param baselinePhq9 the baseline PHQ-9 total from the intake
 * @param relapseReportedAt when a relapse risk was last reported and not yet recovered
 * from
 * @param nonResponseReviewed whether non-response after induction was already raised
 * @param clinicId the patient's clinic (ADR 12)
 */
public record Patient(UUID id, String phone, String email, String preferredChannel, String timeZone, boolean smsConsent,
		boolean emailConsent, Instant smsOptedOutAt, Integer baselinePhq9, Instant relapseReportedAt,
		boolean nonResponseReviewed, String clinicId) {

	/** The patient's zone, or the given fallback if not known yet. */
	public ZoneId zoneOr(ZoneId fallback) {
		return (this.timeZone != null) ? ZoneId.of(this.timeZone) : fallback;
	}

	/** The patient's zone, UTC until the contact arrives. */
	public ZoneId zone() {
		return zoneOr(ZoneId.of("UTC"));
	}

	/** Whether a message may go by this channel: consent, an address, and no opt-out. */
	public boolean canUse(String channel) {
		return switch (channel) {
			case "SMS" -> this.smsConsent && this.phone != null && this.smsOptedOutAt == null;
			case "EMAIL" -> this.emailConsent && this.email != null;
			default -> false;
		};
	}

	/** Whether the patient agreed to this channel at all (an address aside). */
	public boolean consentedTo(String channel) {
		return "SMS".equals(channel) ? this.smsConsent && this.smsOptedOutAt == null : this.emailConsent;
	}

	/** The channels in the patient's order of preference. */
	public String[] channelsByPreference() {
		return "EMAIL".equals(this.preferredChannel) ? new String[] { "EMAIL", "SMS" }
				: new String[] { "SMS", "EMAIL" };
	}

}
