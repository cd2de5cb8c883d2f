package org.ketaclinic.screening.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every patient's consent to treatment as intake last reported it. Intake is the source
 * of truth; this copy exists so that an approval can be refused without a call to intake
 * while it is down.
 */
@Repository
public class TreatmentConsents {

	// The newest change wins, so a late redelivery of an older event cannot revive a
	// withdrawn consent. Two changes stamped alike: the refusal wins, the safer reading.
	private static final String RECORD = """
			INSERT INTO treatment_consent (patient_id, treatment, changed_at, clinic_id) VALUES (?, ?, ?, ?)
			ON CONFLICT (patient_id) DO UPDATE SET treatment = EXCLUDED.treatment, changed_at = EXCLUDED.changed_at,
				clinic_id = EXCLUDED.clinic_id
			WHERE treatment_consent.changed_at < EXCLUDED.changed_at
			   OR (treatment_consent.changed_at = EXCLUDED.changed_at AND NOT EXCLUDED.treatment)
			""";

	private final JdbcClient jdbc;

	TreatmentConsents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the patient's consent as of {@code changedAt}, unless a newer change is
	 * already known; the row belongs to the patient's clinic.
	 */
	public void record(UUID patientId, boolean treatment, Instant changedAt, String clinicId) {
		this.jdbc.sql(RECORD).params(patientId, treatment, Timestamp.from(changedAt), clinicId).update();
	}

	/**
	 * Whether the patient has consented to treatment; false for a patient never heard of.
	 * Holds a share lock on the row until the caller's transaction ends, so a withdrawal
	 * arriving meanwhile waits rather than slipping past a decision being signed. Read
	 * only for an assessment already loaded through the caller's clinics, so not scoped
	 * again.
	 */
	public boolean given(UUID patientId) {
		return this.jdbc.sql("SELECT treatment FROM treatment_consent WHERE patient_id = ? FOR SHARE")
			.param(patientId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

}
