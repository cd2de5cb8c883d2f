package org.ketaclinic.interop.web;

import java.util.UUID;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.ketaclinic.interop.fhir.Outcomes;

import org.springframework.http.ResponseEntity;

/** The references a search names a patient by: {@code Patient/{id}}, or the bare id. */
final class References {

	private References() {
	}

	/**
	 * The patient a search names, by either of its two parameters, or the refusal that
	 * says what is wrong.
	 *
	 * @param patientId the patient, or null when refused
	 * @param refusal the 400 {@code OperationOutcome} naming the parameter, or null
	 */
	record Searched(UUID patientId, ResponseEntity<IBaseResource> refusal) {
	}

	/**
	 * Reads the patient a search names, as in {@code Observation?subject=Patient/{id}}.
	 * @param type the resource searched
	 * @param name the first parameter's name
	 * @param value its value, or null
	 * @param otherName the second parameter's name
	 * @param otherValue its value, or null
	 */
	static Searched patient(String type, String name, String value, String otherName, String otherValue) {
		String reference = (value != null) ? value : otherValue;
		String parameter = (value != null) ? name : otherName;
		if (reference == null) {
			return new Searched(null, ResponseEntity.badRequest()
				.body(Outcomes.invalid(name, "is required: " + type + "?" + name + "=Patient/{id}")));
		}
		UUID patientId = patientId(reference);
		if (patientId == null) {
			return new Searched(null,
					ResponseEntity.badRequest().body(Outcomes.invalid(parameter, "must be Patient/{id}")));
		}
		return new Searched(patientId, null);
	}

	/** The patient's id, or null when the reference is not to a patient by a UUID. */
	static UUID patientId(String reference) {
		try {
			return UUID.fromString(reference.startsWith("Patient/") ? reference.substring(8) : reference);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
