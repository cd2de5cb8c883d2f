package org.ketaclinic.intake.events;

/** The Kafka topics of the intake service's events, keyed by patient id. */
public final class Topics {

	/**
	 * Every intake event with its clinical section: for screening, which applies the
	 * criteria to it, and no one else (Kafka ACLs in {@code infra/k8s}).
	 */
	public static final String INTAKE = "ketaclinic.intake.events";

	/**
	 * What the services after screening need to know of a patient from intake, without
	 * the clinical section: {@link PatientContactChanged} (contact and consents) and
	 * {@link Phq9BaselineRecorded} (issue 18: PHI kept minimal).
	 */
	public static final String PATIENTS = "ketaclinic.intake.patients";

	/**
	 * What the interop service needs of a patient to serve them as FHIR to authorised
	 * EHRs: {@link PatientDemographicsChanged} (names and birth date). Only interop reads
	 * it (Kafka ACLs in {@code infra/k8s}, ADR 18): names travel nowhere else.
	 */
	public static final String INTEROP = "ketaclinic.intake.interop";

	private Topics() {
	}

}
