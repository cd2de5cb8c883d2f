package org.ketaclinic.interop.fhir;

import java.util.Date;
import java.util.Locale;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.ketaclinic.interop.appointment.Appointments;

/**
 * A session as a FHIR {@code Appointment}: its status (booked, checked in, arrived,
 * fulfilled, cancelled with why, no-show), when, the patient, the protocol and its place
 * in the series. The chair and location are the clinic's own business and stay out.
 */
public final class AppointmentResources {

	private AppointmentResources() {
	}

	/** The resource of one session. */
	public static Appointment appointment(Appointments.Appointment session) {
		Appointment appointment = new Appointment();
		appointment.setId(session.sessionId().toString());
		appointment.getMeta().setLastUpdated(Date.from(session.updatedAt()));
		appointment.setStatus(status(session.status()));
		if (session.startsAt() != null) {
			appointment.setStart(Date.from(session.startsAt()));
		}
		if (session.endsAt() != null) {
			appointment.setEnd(Date.from(session.endsAt()));
		}
		if (session.protocol() != null) {
			String protocol = words(session.protocol());
			appointment.addServiceType(new CodeableConcept().setText(protocol));
			appointment.setDescription((session.sequence() != null)
					? protocol + " session " + session.sequence() + " of the patient's plan" : protocol + " session");
		}
		if (session.status() == Appointments.Status.CANCELLED && session.cancellationReason() != null) {
			appointment.setCancelationReason(new CodeableConcept().setText(words(session.cancellationReason())));
		}
		appointment.addParticipant()
			.setActor(new Reference("Patient/" + session.patientId()))
			.setRequired(ParticipantRequired.REQUIRED)
			.setStatus(ParticipationStatus.ACCEPTED);
		return appointment;
	}

	static AppointmentStatus status(Appointments.Status status) {
		return switch (status) {
			case BOOKED -> AppointmentStatus.BOOKED;
			case CHECKED_IN -> AppointmentStatus.CHECKEDIN;
			case IN_PROGRESS -> AppointmentStatus.ARRIVED;
			case COMPLETED -> AppointmentStatus.FULFILLED;
			case CANCELLED -> AppointmentStatus.CANCELLED;
			case MISSED -> AppointmentStatus.NOSHOW;
		};
	}

	/**
	 * {@code IV_KETAMINE} → "IV ketamine", {@code PATIENT_REQUEST} → "Patient request".
	 */
	private static String words(String code) {
		String spaced = code.replace('_', ' ').toLowerCase(Locale.ROOT).replace("iv ", "IV ");
		return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

}
