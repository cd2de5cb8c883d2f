package org.ketaclinic.intake.events;

import java.time.Instant;
import java.time.LocalDate;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;

/**
 * Who a patient is: their names and birth date, published when the patient is registered
 * and whenever these change, on {@link Topics#INTEROP} only, for the interop service to
 * serve the FHIR {@code Patient} to authorised EHRs (ADR 18). No other topic carries a
 * name.
 *
 * @param patientId the patient
 * @param familyName family name
 * @param givenName given name
 * @param dateOfBirth date of birth
 * @param changedAt when
 * @param clinicId the patient's clinic (ADR 12)
 */
public record PatientDemographicsChanged(PatientId patientId, String familyName, String givenName,
		LocalDate dateOfBirth, Instant changedAt, String clinicId) implements InteropTopicEvent {

	@Override
	public EventType type() {
		return IntakeEvents.PATIENT_DEMOGRAPHICS_CHANGED;
	}

	@Override
	public String subject() {
		return "patient/" + patientId();
	}

	@Override
	public <C> void sendTo(InteropTopicEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

}
