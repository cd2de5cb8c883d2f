package org.ketaclinic.intake.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.ketaclinic.intake.submission.ClinicalAnswers;
import org.ketaclinic.intake.events.PatientContactChanged.Channel;
import org.ketaclinic.intake.patient.Patient;
import org.ketaclinic.intake.patient.PatientRegistry.ConsentAnswers;
import org.ketaclinic.platform.web.FieldError;

/** The bodies the intake API accepts. */
final class IntakeRequests {

	private IntakeRequests() {
	}

	/**
	 * A new intake: a new patient with contact and consents, or a known
	 * {@code patientId}.
	 *
	 * @param patientId a known patient, or null for a new one
	 * @param patient the new patient's identity
	 * @param contact the new patient's contact details
	 * @param consents the new patient's consents
	 * @param clinical the clinical section, possibly incomplete
	 * @param draft keep as a draft, not screened until submitted
	 * @param clinicId the clinic that takes the referral: one of the caller's; optional
	 * for a caller of one clinic (ADR 12)
	 */
	record NewSubmission(UUID patientId, @Valid PatientIdentity patient, @Valid ContactDetails contact,
			@Valid ConsentDetails consents, ClinicalAnswers clinical, Boolean draft, @Size(max = 64) String clinicId) {

		List<FieldError> missing() {
			List<FieldError> errors = new ArrayList<>();
			if (this.patientId == null) {
				if (this.patient == null) {
					errors.add(new FieldError("patient", "is required for a new patient"));
				}
				if (this.contact == null) {
					errors.add(new FieldError("contact", "is required for a new patient"));
				}
				if (this.consents == null) {
					errors.add(new FieldError("consents", "is required for a new patient"));
				}
			}
			if (this.contact != null) {
				errors.addAll(this.contact.problems("contact."));
			}
			if (this.patient != null && this.patient.dateOfBirth() != null
					&& this.patient.dateOfBirth().isBefore(LocalDate.of(1900, 1, 1))) {
				errors.add(new FieldError("patient.dateOfBirth", "must be after 1900-01-01"));
			}
			return errors;
		}

	}

	/**
	 * Who the patient is.
	 *
	 * @param givenName given name
	 * @param familyName family name
	 * @param dateOfBirth date of birth
	 */
	record PatientIdentity(@NotBlank @Size(max = 100) String givenName, @NotBlank @Size(max = 100) String familyName,
			@NotNull @Past LocalDate dateOfBirth) {
	}

	/**
	 * How to reach the patient.
	 *
	 * @param phone mobile number in E.164 form
	 * @param email email address
	 * @param preferredChannel SMS or EMAIL
	 * @param timeZone IANA time zone, e.g. America/New_York
	 */
	record ContactDetails(
			@Pattern(regexp = "\\+[1-9][0-9]{6,14}",
					message = "must be a phone number in international form, e.g. +15551234567") String phone,
			@Email @Size(max = 254) String email, @NotNull Channel preferredChannel,
			@NotBlank @Size(max = 64) String timeZone) {

		List<FieldError> problems(String prefix) {
			List<FieldError> errors = new ArrayList<>();
			if (this.timeZone != null && !this.timeZone.isBlank()) {
				try {
					ZoneId.of(this.timeZone);
				}
				catch (DateTimeException ex) {
					errors.add(new FieldError(prefix + "timeZone", "must be an IANA time zone, e.g. Europe/London"));
				}
			}
			if (this.preferredChannel == Channel.SMS && (this.phone == null || this.phone.isBlank())) {
				errors.add(new FieldError(prefix + "phone", "is required when the preferred channel is SMS"));
			}
			if (this.preferredChannel == Channel.EMAIL && (this.email == null || this.email.isBlank())) {
				errors.add(new FieldError(prefix + "email", "is required when the preferred channel is EMAIL"));
			}
			return errors;
		}

		Patient.Contact toContact() {
			return new Patient.Contact(blankToNull(this.phone), blankToNull(this.email), this.preferredChannel,
					this.timeZone);
		}

	}

	/**
	 * Consents as captured at the desk.
	 *
	 * @param treatment consent to treatment
	 * @param sms consent to SMS
	 * @param email consent to email
	 * @param textVersion version of the consent text agreed to
	 */
	record ConsentDetails(@NotNull Boolean treatment, @NotNull Boolean sms, @NotNull Boolean email,
			@NotBlank @Size(max = 40) String textVersion) {

		ConsentAnswers toAnswers() {
			return new ConsentAnswers(this.treatment, this.sms, this.email, this.textVersion);
		}

	}

	/**
	 * A clinician's amendment of the clinical section.
	 *
	 * @param clinical the complete new section
	 * @param reason why it changed
	 */
	record Amendment(@NotNull ClinicalAnswers clinical, @NotBlank @Size(max = 500) String reason) {
	}

	/**
	 * A withdrawal.
	 *
	 * @param reason why (kept in the intake service only)
	 */
	record Withdrawal(@NotBlank @Size(max = 500) String reason) {
	}

	/**
	 * A decision on a possible duplicate.
	 *
	 * @param resolution SAME_PATIENT or DIFFERENT_PATIENT
	 */
	record Resolution(@NotNull ResolutionKind resolution) {
	}

	/** The decisions on a possible duplicate. */
	enum ResolutionKind {

		SAME_PATIENT, DIFFERENT_PATIENT

	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
