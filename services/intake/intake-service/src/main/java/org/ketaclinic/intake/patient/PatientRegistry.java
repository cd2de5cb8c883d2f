package org.ketaclinic.intake.patient;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.ketaclinic.events.PatientId;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.intake.events.PatientDemographicsChanged;
import org.ketaclinic.intake.patient.Consents.Consent;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering patients and keeping their contact details and consents; every change is
 * audited and tells follow-up how to reach the patient now
 * ({@code PatientContactChanged}); a registration tells interop who the patient is
 * ({@code PatientDemographicsChanged}).
 */
@Service
public class PatientRegistry {

	private final Patients patients;

	private final Outbox outbox;

	private final AuditLog audit;

	private final Clock clock;

	private final ClinicScope clinicScope;

	PatientRegistry(Patients patients, Outbox outbox, AuditLog audit, Clock clock, ClinicScope clinicScope) {
		this.patients = patients;
		this.outbox = outbox;
		this.audit = audit;
		this.clock = clock;
		this.clinicScope = clinicScope;
	}

	/**
	 * Registers a new patient of their {@link Patient#clinicId() clinic} with their
	 * consents, in the caller's transaction.
	 */
	@Transactional
	public Patient register(Patient patient, ConsentAnswers consents, String capturedBy) {
		Instant now = this.clock.instant();
		this.patients.add(patient, now);
		record(patient.id(), consents, capturedBy, now);
		this.audit.recordChange(patient.clinicId(), patient.id(), "PATIENT_REGISTERED", "patient/" + patient.id());
		publish(patient, now);
		// names and birth date for interop's FHIR Patient alone, on a topic only it reads
		// (ADR 18); no endpoint changes them after registration
		this.outbox.publish(new PatientDemographicsChanged(new PatientId(patient.id()), patient.familyName(),
				patient.givenName(), patient.dateOfBirth(), now, patient.clinicId()));
		return patient;
	}

	/**
	 * A patient of one of the caller's clinics with their consents, audited as a read; a
	 * patient of another clinic is not found.
	 */
	@Transactional
	public PatientRecord read(UUID patientId) {
		Patient patient = this.patients.find(patientId, this.clinicScope.sqlArray())
			.orElseThrow(() -> notFound(patientId));
		this.audit.record(patient.clinicId(), patientId, "PATIENT_READ", "patient/" + patientId);
		return new PatientRecord(patient, this.patients.consents(patientId));
	}

	/** Changes how to reach a patient; publishes the change only if something changed. */
	@Transactional
	public PatientRecord changeContact(UUID patientId, Patient.Contact contact) {
		Patient patient = locked(patientId);
		if (!patient.contact().equals(contact)) {
			Instant now = this.clock.instant();
			this.patients.updateContact(patientId, contact, now);
			patient = patient.withContact(contact);
			this.audit.recordChange(patient.clinicId(), patientId, "PATIENT_CONTACT_CHANGED",
					"patient/" + patientId + "/contact");
			publish(patient, now);
		}
		return new PatientRecord(patient, this.patients.consents(patientId));
	}

	/** Records changed consents; publishes the change only if something changed. */
	@Transactional
	public PatientRecord changeConsents(UUID patientId, ConsentAnswers answers, String capturedBy) {
		Patient patient = locked(patientId);
		Consents current = this.patients.consents(patientId);
		if (!answers.sameAs(current)) {
			Instant now = this.clock.instant();
			record(patientId, answers, capturedBy, now);
			this.audit.recordChange(patient.clinicId(), patientId, "PATIENT_CONSENTS_CHANGED",
					"patient/" + patientId + "/consents");
			publish(patient, now);
		}
		return new PatientRecord(patient, this.patients.consents(patientId));
	}

	private void record(UUID patientId, ConsentAnswers answers, String capturedBy, Instant now) {
		this.patients.recordConsent(patientId, Consents.Kind.TREATMENT,
				new Consent(answers.treatment(), answers.textVersion(), capturedBy, now));
		this.patients.recordConsent(patientId, Consents.Kind.SMS,
				new Consent(answers.sms(), answers.textVersion(), capturedBy, now));
		this.patients.recordConsent(patientId, Consents.Kind.EMAIL,
				new Consent(answers.email(), answers.textVersion(), capturedBy, now));
	}

	private void publish(Patient patient, Instant now) {
		Consents consents = this.patients.consents(patient.id());
		PatientContactChanged event = new PatientContactChanged(new PatientId(patient.id()), patient.contact().phone(),
				patient.contact().email(), patient.contact().preferredChannel(), patient.contact().timeZone(),
				new PatientContactChanged.Consents(consents.treatment().granted(), consents.sms().granted(),
						consents.email().granted(), consents.treatment().textVersion()),
				now, patient.clinicId());
		// on both of its topics: screening reads consent to treatment from the intake
		// topic; the services after it read contact and consents from the patients topic,
		// which carries no clinical data
		this.outbox.publish(event);
	}

	/** A patient of one of the caller's clinics, locked; any other is not found. */
	private Patient locked(UUID patientId) {
		return this.patients.lock(patientId, this.clinicScope.sqlArray()).orElseThrow(() -> notFound(patientId));
	}

	private static NotFoundException notFound(UUID patientId) {
		return new NotFoundException("No patient " + patientId);
	}

	/**
	 * Consents as a member of staff records them.
	 *
	 * @param treatment consent to treatment
	 * @param sms consent to SMS
	 * @param email consent to email
	 * @param textVersion the version of the consent text agreed to
	 */
	public record ConsentAnswers(boolean treatment, boolean sms, boolean email, String textVersion) {

		boolean sameAs(Consents current) {
			return current.treatment().granted() == this.treatment && current.sms().granted() == this.sms
					&& current.email().granted() == this.email
					&& this.textVersion.equals(current.treatment().textVersion());
		}

	}

	/**
	 * A patient and their consents.
	 *
	 * @param patient the patient
	 * @param consents their consents
	 */
	public record PatientRecord(Patient patient, Consents consents) {
	}

}
