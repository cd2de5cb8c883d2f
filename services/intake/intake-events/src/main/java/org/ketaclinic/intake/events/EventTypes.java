package org.ketaclinic.intake.events;

/**
 * The stable, versioned CloudEvents types the intake service publishes. A breaking change
 * is a new {@code .v2} type published beside the old one, never an edit of these strings.
 */
public final class EventTypes {

	/** Type of {@code IntakeSubmitted} events, version 1. */
	public static final String INTAKE_SUBMITTED = "org.ketaclinic.intake.IntakeSubmitted.v1";

	/** Type of {@code IntakeAmended} events, version 1. */
	public static final String INTAKE_AMENDED = "org.ketaclinic.intake.IntakeAmended.v1";

	/** Type of {@code IntakeWithdrawn} events, version 1. */
	public static final String INTAKE_WITHDRAWN = "org.ketaclinic.intake.IntakeWithdrawn.v1";

	/** Type of {@code PatientContactChanged} events, version 1. */
	public static final String PATIENT_CONTACT_CHANGED = "org.ketaclinic.intake.PatientContactChanged.v1";

	/** Type of {@code Phq9BaselineRecorded} events, version 1. */
	public static final String PHQ9_BASELINE_RECORDED = "org.ketaclinic.intake.Phq9BaselineRecorded.v1";

	/** Type of {@code PatientDemographicsChanged} events, version 1. */
	public static final String PATIENT_DEMOGRAPHICS_CHANGED = "org.ketaclinic.intake.PatientDemographicsChanged.v1";

	/** Type of {@code IntakeQuestionnairesAnswered} events, version 1. */
	public static final String INTAKE_QUESTIONNAIRES_ANSWERED = "org.ketaclinic.intake.IntakeQuestionnairesAnswered.v1";

	private EventTypes() {
	}

}
