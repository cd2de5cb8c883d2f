package org.ketaclinic.intake.web;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import org.ketaclinic.intake.patient.Consents;
import org.ketaclinic.intake.patient.Patient;
import org.ketaclinic.intake.patient.PatientRegistry;
import org.ketaclinic.intake.web.IntakeRequests.ConsentDetails;
import org.ketaclinic.intake.web.IntakeRequests.ContactDetails;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A patient's identity, contact details, messaging preferences and consents. */
@RestController
@RequestMapping(path = "/api/intake/patients", produces = MediaType.APPLICATION_JSON_VALUE)
class PatientController {

	private final PatientRegistry registry;

	PatientController(PatientRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/{patientId}")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	PatientView get(@PathVariable UUID patientId) {
		return PatientView.of(this.registry.read(patientId));
	}

	@PutMapping(path = "/{patientId}/contact", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	PatientView changeContact(@PathVariable UUID patientId, @Valid @RequestBody ContactDetails contact) {
		List<FieldError> problems = contact.problems("");
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return PatientView.of(this.registry.changeContact(patientId, contact.toContact()));
	}

	@PutMapping(path = "/{patientId}/consents", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	PatientView changeConsents(@PathVariable UUID patientId, @Valid @RequestBody ConsentDetails consents,
			Principal caller) {
		return PatientView.of(this.registry.changeConsents(patientId, consents.toAnswers(), caller.getName()));
	}

	/**
	 * Who a patient is.
	 *
	 * @param givenName given name
	 * @param familyName family name
	 * @param dateOfBirth date of birth
	 */
	record Identity(String givenName, String familyName, LocalDate dateOfBirth) {
	}

	/**
	 * A patient with contact details and consents.
	 *
	 * @param patientId the patient
	 * @param givenName given name
	 * @param familyName family name
	 * @param dateOfBirth date of birth
	 * @param contact how to reach them
	 * @param consents their consents with when and by whom each was captured
	 * @param clinicId the clinic the patient belongs to
	 */
	record PatientView(UUID patientId, String givenName, String familyName, LocalDate dateOfBirth,
			Patient.Contact contact, Consents consents, String clinicId) {

		static PatientView of(PatientRegistry.PatientRecord record) {
			Patient patient = record.patient();
			return new PatientView(patient.id(), patient.givenName(), patient.familyName(), patient.dateOfBirth(),
					patient.contact(), record.consents(), patient.clinicId());
		}

	}

}
