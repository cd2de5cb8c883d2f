package org.ketaclinic.interop.fhir;

import java.util.Date;

import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName.NameUse;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.Patient;
import org.ketaclinic.interop.patient.Patients;

/**
 * A patient as a FHIR {@code Patient}: their KetaClinic id (also as a URI identifier, so
 * that an EHR can store it), official name, birth date, mobile phone and email. Nothing
 * else of theirs is held here (ADR 18).
 */
public final class PatientResources {

	/** The identifier system of a KetaClinic patient id: the id as a {@code urn:uuid}. */
	public static final String ID_SYSTEM = "urn:ietf:rfc:3986";

	private PatientResources() {
	}

	/** The resource of one patient. */
	public static Patient patient(Patients.Patient held) {
		Patient patient = new Patient();
		patient.setId(held.id().toString());
		patient.getMeta().setLastUpdated(Date.from(held.updatedAt()));
		patient.addIdentifier().setUse(IdentifierUse.USUAL).setSystem(ID_SYSTEM).setValue("urn:uuid:" + held.id());
		if (held.familyName() != null || held.givenName() != null) {
			var name = patient.addName().setUse(NameUse.OFFICIAL).setFamily(held.familyName());
			if (held.givenName() != null) {
				name.addGiven(held.givenName());
			}
		}
		if (held.birthDate() != null) {
			patient.setBirthDateElement(new DateType(held.birthDate().toString()));
		}
		if (held.phone() != null) {
			patient.addTelecom()
				.setSystem(ContactPointSystem.PHONE)
				.setUse(ContactPointUse.MOBILE)
				.setValue(held.phone());
		}
		if (held.email() != null) {
			patient.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue(held.email());
		}
		return patient;
	}

}
