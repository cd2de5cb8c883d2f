package org.ketaclinic.intake.patient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.intake.events.PatientContactChanged.Channel;
import org.ketaclinic.intake.patient.Consents.Consent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All patients, in the intake database. */
@Repository
public class Patients {

	private final JdbcClient jdbc;

	Patients(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void add(Patient patient, Instant now) {
		this.jdbc.sql("""
				INSERT INTO patient (id, given_name, family_name, date_of_birth, phone, email, preferred_channel,
					time_zone, created_at, updated_at, clinic_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(patient.id(), patient.givenName(), patient.familyName(), patient.dateOfBirth(),
					patient.contact().phone(), patient.contact().email(), patient.contact().preferredChannel().name(),
					patient.contact().timeZone(), Timestamp.from(now), Timestamp.from(now), patient.clinicId())
			.update();
	}

	/**
	 * The patient if they belong to one of these clinics: a patient of another clinic is
	 * not found, like an unknown id.
	 * @param clinics the caller's clinics ({@code ClinicScope.sqlArray()})
	 */
	public Optional<Patient> find(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM patient WHERE id = ? AND clinic_id = ANY(?)")
			.params(id, clinics)
			.query(Patients::patient)
			.optional();
	}

	/**
	 * The patient of one of these clinics, locked for an update in the current
	 * transaction.
	 */
	public Optional<Patient> lock(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM patient WHERE id = ? AND clinic_id = ANY(?) FOR UPDATE")
			.params(id, clinics)
			.query(Patients::patient)
			.optional();
	}

	public void updateContact(UUID id, Patient.Contact contact, Instant now) {
		this.jdbc.sql("""
				UPDATE patient SET phone = ?, email = ?, preferred_channel = ?, time_zone = ?, updated_at = ?
				WHERE id = ?
				""")
			.params(contact.phone(), contact.email(), contact.preferredChannel().name(), contact.timeZone(),
					Timestamp.from(now), id)
			.update();
	}

	/** Records a consent; the newest of each kind is the one in force. */
	public void recordConsent(UUID patientId, Consents.Kind kind, Consent consent) {
		this.jdbc.sql("""
				INSERT INTO consent (patient_id, kind, granted, text_version, captured_by, captured_at, clinic_id)
				VALUES (?, ?, ?, ?, ?, ?, (SELECT clinic_id FROM patient WHERE id = ?))
				""")
			.params(patientId, kind.name(), consent.granted(), consent.textVersion(), consent.capturedBy(),
					Timestamp.from(consent.capturedAt()), patientId)
			.update();
	}

	/**
	 * The consents in force; a kind never recorded counts as not given. Read only for a
	 * patient found through a scoped read.
	 */
	public Consents consents(UUID patientId) {
		Map<Consents.Kind, Consent> current = new EnumMap<>(Consents.Kind.class);
		this.jdbc.sql("""
				SELECT DISTINCT ON (kind) kind, granted, text_version, captured_by, captured_at
				FROM consent WHERE patient_id = ? ORDER BY kind, id DESC
				""").param(patientId).query((rs) -> {
			current.put(Consents.Kind.valueOf(rs.getString("kind")),
					new Consent(rs.getBoolean("granted"), rs.getString("text_version"), rs.getString("captured_by"),
							rs.getTimestamp("captured_at").toInstant()));
		});
		Consent none = new Consent(false, null, null, null);
		return new Consents(current.getOrDefault(Consents.Kind.TREATMENT, none),
				current.getOrDefault(Consents.Kind.SMS, none), current.getOrDefault(Consents.Kind.EMAIL, none));
	}

	/**
	 * Other patients who may be this one: same name and date of birth, same phone, or
	 * same email, among the patients of these clinics only (ADR 12).
	 * @param clinics the caller's clinics
	 * @return each match with its reasons
	 */
	public List<Match> possibleDuplicates(Patient patient, String[] clinics) {
		return this.jdbc.sql("""
				SELECT id, clinic_id,
					(lower(given_name) = lower(:given) AND lower(family_name) = lower(:family)
						AND date_of_birth = :dob) AS same_identity,
					(phone IS NOT NULL AND phone = :phone) AS same_phone,
					(email IS NOT NULL AND lower(email) = lower(:email)) AS same_email
				FROM patient
				WHERE id <> :id AND clinic_id = ANY(:clinics) AND (
					(lower(given_name) = lower(:given) AND lower(family_name) = lower(:family) AND date_of_birth = :dob)
					OR (phone IS NOT NULL AND phone = :phone)
					OR (email IS NOT NULL AND lower(email) = lower(:email)))
				ORDER BY created_at
				""")
			.param("id", patient.id())
			.param("clinics", clinics)
			.param("given", patient.givenName())
			.param("family", patient.familyName())
			.param("dob", patient.dateOfBirth())
			.param("phone", patient.contact().phone())
			.param("email", patient.contact().email())
			.query((rs, row) -> new Match(rs.getObject("id", UUID.class), rs.getBoolean("same_identity"),
					rs.getBoolean("same_phone"), rs.getBoolean("same_email"), rs.getString("clinic_id")))
			.list();
	}

	private static Patient patient(ResultSet rs, int row) throws SQLException {
		return new Patient(rs.getObject("id", UUID.class), rs.getString("given_name"), rs.getString("family_name"),
				rs.getObject("date_of_birth", java.time.LocalDate.class),
				new Patient.Contact(rs.getString("phone"), rs.getString("email"),
						Channel.valueOf(rs.getString("preferred_channel")), rs.getString("time_zone")),
				rs.getString("clinic_id"));
	}

	/**
	 * A possible duplicate.
	 *
	 * @param patientId the existing patient
	 * @param sameIdentity same names and date of birth
	 * @param samePhone same phone
	 * @param sameEmail same email
	 * @param clinicId the existing patient's clinic
	 */
	public record Match(UUID patientId, boolean sameIdentity, boolean samePhone, boolean sameEmail, String clinicId) {
	}

}
