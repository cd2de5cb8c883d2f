package org.ketaclinic.interop.web;

import java.util.UUID;

/** The references a search names a patient by: {@code Patient/{id}}, or the bare id. */
final class References {

	private References() {
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
