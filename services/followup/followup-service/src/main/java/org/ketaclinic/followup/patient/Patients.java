package org.ketaclinic.followup.patient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.security.InCallersClinics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Follow-up's patient records. */
@Repository
public class Patients {

	private final JdbcClient jdbc;

	private final ClinicScope scope;

	Patients(JdbcClient jdbc, ClinicScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	/**
	 * A patient of the current caller's clinics; empty for a patient of another clinic,
	 * as for an unknown one.
	 */
	@InCallersClinics
	public Optional<Patient> findInScope(UUID id) {
		return this.jdbc.sql("SELECT * FROM patient WHERE patient_id = ? AND clinic_id = ANY(?)")
			.params(id, this.scope.sqlArray())
			.query(Patients::patient)
			.optional();
	}

	/**
	 * The patient's clinic, if it is one of the current caller's (ADR 12); empty for a
	 * patient of another clinic, as for an unknown one. The clinic is the patient
	 * record's, or, while follow-up has no record of the patient (the contact details are
	 * on their way), that of the rows about them (messages, alerts, sessions), which copy
	 * it from the events that introduced the patient.
	 */
	@InCallersClinics
	public Optional<String> clinicInScope(UUID id) {
		return this.jdbc.sql("""
				SELECT clinic_id FROM (
					SELECT clinic_id, 0 AS rank FROM patient WHERE patient_id = :id
					UNION ALL (SELECT clinic_id, 1 FROM message WHERE patient_id = :id AND kind <> 'PAGE' LIMIT 1)
					UNION ALL (SELECT clinic_id, 1 FROM alert WHERE patient_id = :id LIMIT 1)
					UNION ALL (SELECT clinic_id, 1 FROM session WHERE patient_id = :id LIMIT 1)
				) found ORDER BY rank LIMIT 1
				""").param("id", id).query(String.class).optional().filter(this.scope::includes);
	}

	/** The patient's clinic, the default clinic while follow-up has no record of them. */
	public String clinicOf(UUID id) {
		if (id == null) {
			return this.scope.defaultClinic();
		}
		return this.jdbc.sql("SELECT clinic_id FROM patient WHERE patient_id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElse(this.scope.defaultClinic());
	}

	/** For the system (events, schedulers): not scoped to a caller's clinics. */
	public Optional<Patient> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM patient WHERE patient_id = ?")
			.param(id)
			.query(Patients::patient)
			.optional();
	}

	/**
	 * Locks a patient's row for a decision that must not race (relapse reporting),
	 * creating an empty one if the contact details have not arrived yet.
	 */
	public Patient lock(UUID id) {
		this.jdbc.sql("INSERT INTO patient (patient_id, clinic_id) VALUES (?, ?) ON CONFLICT (patient_id) DO NOTHING")
			.params(id, this.scope.defaultClinic())
			.update();
		return this.jdbc.sql("SELECT * FROM patient WHERE patient_id = ? FOR UPDATE")
			.param(id)
			.query(Patients::patient)
			.single();
	}

	/** The patients with this mobile number (a family may share one). */
	public List<Patient> withPhone(String phone) {
		return this.jdbc.sql("SELECT * FROM patient WHERE phone = ? ORDER BY patient_id")
			.param(phone)
			.query(Patients::patient)
			.list();
	}

	/**
	 * Keeps the newest contact and consents; an older event arriving late changes
	 * nothing.
	 * @return whether the time zone changed
	 */
	public boolean contactChanged(PatientContactChanged contact) {
		String clinicId = contact.clinicId();
		String previousZone = find(contact.patientId().value()).map(Patient::timeZone).orElse(null);
		int changed = this.jdbc
			.sql("""
					INSERT INTO patient (patient_id, phone, email, preferred_channel, time_zone, consent_sms, consent_email,
						consent_text_version, contact_changed_at, clinic_id)
					VALUES (:id, :phone, :email, :channel, :zone, :sms, :email_consent, :version, :at,
						COALESCE(:clinic, :default_clinic))
					ON CONFLICT (patient_id) DO UPDATE SET clinic_id = COALESCE(:clinic, patient.clinic_id), phone = EXCLUDED.phone, email = EXCLUDED.email,
						preferred_channel = EXCLUDED.preferred_channel, time_zone = EXCLUDED.time_zone,
						consent_sms = EXCLUDED.consent_sms, consent_email = EXCLUDED.consent_email,
						consent_text_version = EXCLUDED.consent_text_version, contact_changed_at = EXCLUDED.contact_changed_at
					WHERE patient.contact_changed_at IS NULL OR patient.contact_changed_at <= EXCLUDED.contact_changed_at
					""")
			.param("id", contact.patientId().value())
			.param("phone", contact.phone())
			.param("email", contact.email())
			.param("channel", (contact.preferredChannel() != null) ? contact.preferredChannel().name() : null)
			.param("zone", contact.timeZone())
			.param("sms", contact.consents() != null && contact.consents().sms())
			.param("email_consent", contact.consents() != null && contact.consents().email())
			.param("version", (contact.consents() != null) ? contact.consents().textVersion() : null)
			.param("at", Timestamp.from(contact.changedAt()))
			.param("clinic", clinicId)
			.param("default_clinic", this.scope.defaultClinic())
			.update();
		return changed > 0 && contact.timeZone() != null && !contact.timeZone().equals(previousZone);
	}

	/**
	 * Keeps the PHQ-9 of the newest version of the patient's intake as the baseline, and
	 * the clinic the intake names (null: the patient's, or the default clinic for a new
	 * record).
	 */
	public void baseline(UUID patientId, int version, Integer phq9Total, Instant at, String clinicId) {
		if (clinicId != null) {
			// the clinic that took the referral, whichever of the intake's events is
			// newest
			this.jdbc.sql("UPDATE patient SET clinic_id = ? WHERE patient_id = ?").params(clinicId, patientId).update();
		}
		this.jdbc
			.sql("""
					INSERT INTO patient (patient_id, baseline_phq9, baseline_version, baseline_recorded_at, clinic_id)
					VALUES (?, ?, ?, ?, COALESCE(?, ?))
					ON CONFLICT (patient_id) DO UPDATE SET baseline_phq9 = EXCLUDED.baseline_phq9,
						baseline_version = EXCLUDED.baseline_version, baseline_recorded_at = EXCLUDED.baseline_recorded_at
					WHERE patient.baseline_recorded_at IS NULL OR patient.baseline_recorded_at <= EXCLUDED.baseline_recorded_at
					""")
			.params(patientId, phq9Total, version, Timestamp.from(at), clinicId, this.scope.defaultClinic())
			.update();
	}

	/**
	 * Opts every patient with this number out of SMS.
	 * @return how many were not opted out before
	 */
	public int optOut(String phone, Instant at) {
		return this.jdbc.sql("UPDATE patient SET sms_opted_out_at = ? WHERE phone = ? AND sms_opted_out_at IS NULL")
			.params(Timestamp.from(at), phone)
			.update();
	}

	/**
	 * Opts a number back in (START).
	 * @return how many were opted out before
	 */
	public int optIn(String phone) {
		return this.jdbc
			.sql("UPDATE patient SET sms_opted_out_at = NULL WHERE phone = ? AND sms_opted_out_at IS NOT NULL")
			.param(phone)
			.update();
	}

	public void relapseReported(UUID patientId, Instant at) {
		this.jdbc.sql("UPDATE patient SET relapse_reported_at = ? WHERE patient_id = ?")
			.params((at != null) ? Timestamp.from(at) : null, patientId)
			.update();
	}

	public void nonResponseReviewed(UUID patientId) {
		this.jdbc.sql("UPDATE patient SET non_response_reviewed = true WHERE patient_id = ?").param(patientId).update();
	}

	private static Patient patient(ResultSet rs, int row) throws SQLException {
		return new Patient(rs.getObject("patient_id", UUID.class), rs.getString("phone"), rs.getString("email"),
				rs.getString("preferred_channel"), rs.getString("time_zone"), rs.getBoolean("consent_sms"),
				rs.getBoolean("consent_email"), instant(rs, "sms_opted_out_at"),
				(Integer) rs.getObject("baseline_phq9"), instant(rs, "relapse_reported_at"),
				rs.getBoolean("non_response_reviewed"), rs.getString("clinic_id"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
