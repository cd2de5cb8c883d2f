package org.ketaclinic.intake.events;

import java.util.List;

import org.ketaclinic.events.EventType;

/**
 * The registry of the events this service publishes: each type's name, version, topics
 * and record. Its schema and golden sample are {@code schemas/} and {@code samples/}
 * {@link EventType#fileName()} beside it.
 */
public final class IntakeEvents {

	/** {@link IntakeSubmitted}, on {@link Topics#INTAKE}. */
	public static final EventType INTAKE_SUBMITTED = EventType.of(EventTypes.INTAKE_SUBMITTED, IntakeSubmitted.class,
			Topics.INTAKE);

	/** {@link IntakeAmended}, on {@link Topics#INTAKE}. */
	public static final EventType INTAKE_AMENDED = EventType.of(EventTypes.INTAKE_AMENDED, IntakeAmended.class,
			Topics.INTAKE);

	/** {@link IntakeWithdrawn}, on {@link Topics#INTAKE}. */
	public static final EventType INTAKE_WITHDRAWN = EventType.of(EventTypes.INTAKE_WITHDRAWN, IntakeWithdrawn.class,
			Topics.INTAKE);

	/**
	 * {@link PatientContactChanged}, on {@link Topics#INTAKE}, {@link Topics#PATIENTS}.
	 */
	public static final EventType PATIENT_CONTACT_CHANGED = EventType.of(EventTypes.PATIENT_CONTACT_CHANGED,
			PatientContactChanged.class, Topics.INTAKE, Topics.PATIENTS);

	/** {@link Phq9BaselineRecorded}, on {@link Topics#PATIENTS}. */
	public static final EventType PHQ9_BASELINE_RECORDED = EventType.of(EventTypes.PHQ9_BASELINE_RECORDED,
			Phq9BaselineRecorded.class, Topics.PATIENTS);

	/** {@link PatientDemographicsChanged}, on {@link Topics#INTEROP}. */
	public static final EventType PATIENT_DEMOGRAPHICS_CHANGED = EventType.of(EventTypes.PATIENT_DEMOGRAPHICS_CHANGED,
			PatientDemographicsChanged.class, Topics.INTEROP);

	/** {@link IntakeQuestionnairesAnswered}, on {@link Topics#INTEROP}. */
	public static final EventType INTAKE_QUESTIONNAIRES_ANSWERED = EventType
		.of(EventTypes.INTAKE_QUESTIONNAIRES_ANSWERED, IntakeQuestionnairesAnswered.class, Topics.INTEROP);

	/** The types on {@link Topics#INTAKE}. */
	public static final List<EventType> ON_INTAKE = List.of(INTAKE_SUBMITTED, INTAKE_AMENDED, INTAKE_WITHDRAWN,
			PATIENT_CONTACT_CHANGED);

	/** The types on {@link Topics#PATIENTS}. */
	public static final List<EventType> ON_PATIENTS = List.of(PATIENT_CONTACT_CHANGED, PHQ9_BASELINE_RECORDED);

	/** The types on {@link Topics#INTEROP}. */
	public static final List<EventType> ON_INTEROP = List.of(PATIENT_DEMOGRAPHICS_CHANGED,
			INTAKE_QUESTIONNAIRES_ANSWERED);

	/** Every type this service publishes. */
	public static final List<EventType> ALL = List.of(INTAKE_SUBMITTED, INTAKE_AMENDED, INTAKE_WITHDRAWN,
			PATIENT_CONTACT_CHANGED, PHQ9_BASELINE_RECORDED, PATIENT_DEMOGRAPHICS_CHANGED,
			INTAKE_QUESTIONNAIRES_ANSWERED);

	private IntakeEvents() {
	}

}
