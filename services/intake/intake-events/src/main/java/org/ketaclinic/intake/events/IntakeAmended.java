package org.ketaclinic.intake.events;

import java.time.Instant;

import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;

/**
 * A clinician amended the clinical section of a submitted intake; it supersedes the
 * earlier versions.
 *
 * @param patientId the patient
 * @param submissionId the submission
 * @param version the new version
 * @param amendedAt when
 * @param clinical the complete amended clinical section
 * @param clinicId the patient's clinic (ADR 12); absent in events written before clinics,
 * which belong to the default clinic
 */
public record IntakeAmended(PatientId patientId, SubmissionId submissionId, int version, Instant amendedAt,
		ClinicalSection clinical, String clinicId) implements IntakeTopicEvent {

	@Override
	public EventType type() {
		return IntakeEvents.INTAKE_AMENDED;
	}

	@Override
	public String subject() {
		return "submission/" + submissionId();
	}

	@Override
	public <C> void sendTo(IntakeTopicEvent.Handler<C> handler, C context) {
		handler.on(this, context);
	}

	/**
	 * The event as producers wrote it before clinics (ADR 12): of the default clinic.
	 */
	public IntakeAmended(PatientId patientId, SubmissionId submissionId, int version, Instant amendedAt,
			ClinicalSection clinical) {
		this(patientId, submissionId, version, amendedAt, clinical, null);
	}

}
