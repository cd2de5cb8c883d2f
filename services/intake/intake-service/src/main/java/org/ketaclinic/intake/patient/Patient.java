package org.ketaclinic.intake.patient;

import java.time.LocalDate;
import java.util.UUID;

import org.ketaclinic.intake.events.PatientContactChanged.Channel;

/**
 * A patient as the clinic knows them.
 *
 * @param id the patient id, used by every service
 * @param givenName given name
 * @param familyName family name
 * @param dateOfBirth date of birth
 * @param contact how to reach them
 * @param clinicId the clinic that took the referral (ADR 12)
 */
public record Patient(UUID id, String givenName, String familyName, LocalDate dateOfBirth, Contact contact,
		String clinicId) {

	/** The same patient reached another way. */
	public Patient withContact(Contact contact) {
		return new Patient(this.id, this.givenName, this.familyName, this.dateOfBirth, contact, this.clinicId);
	}

	/**
	 * How to reach a patient.
	 *
	 * @param phone mobile number in E.164 form, may be null
	 * @param email email address, may be null
	 * @param preferredChannel the channel they prefer
	 * @param timeZone their IANA time zone
	 */
	public record Contact(String phone, String email, Channel preferredChannel, String timeZone) {
	}

}
