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
					time_zone, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(patient.id(), patient.givenName(), patient.familyName(), patient.dateOfBirth(),
					patient.contact().phone(), patient.contact().email(), patient.contact().preferredChannel().name(),
					patient.contact().timeZone(), Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	public Optional<Patient> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM patient WHERE id = ?").param(id).query(Patients::patient).optional();
	}

	/** The patient, locked for an update in the current transaction. */
	public Optional<Patient> lock(UUID id) {
		return this.jdbc.sql("SELECT * FROM patient WHERE id = ? FOR UPDATE")
			.param(id)
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
				INSERT INTO consent (patient_id, kind, granted, text_version, captured_by, captured_at)
				VALUES (?, ?, ?, ?, ?, ?)
				""")
			.params(patientId, kind.name(), consent.granted(), consent.textVersion(), consent.capturedBy(),
					Timestamp.from(consent.capturedAt()))
			.update();
	}

	/** The consents in force; a kind never recorded counts as not given. */
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
	 * same email.
	 * @return each match with its reasons
	 */
	public List<Match> possibleDuplicates(Patient patient) {
		return this.jdbc.sql("""
				SELECT id,
					(lower(given_name) = lower(:given) AND lower(family_name) = lower(:family)
						AND date_of_birth = :dob) AS same_identity,
					(phone IS NOT NULL AND phone = :phone) AS same_phone,
					(email IS NOT NULL AND lower(email) = lower(:email)) AS same_email
				FROM patient
				WHERE id <> :id AND (
					(lower(given_name) = lower(:given) AND lower(family_name) = lower(:family) AND date_of_birth = :dob)
					OR (phone IS NOT NULL AND phone = :phone)
					OR (email IS NOT NULL AND lower(email) = lower(:email)))
				ORDER BY created_at
				""")
			.param("id", patient.id())
			.param("given", patient.givenName())
			.param("family", patient.familyName())
			.param("dob", patient.dateOfBirth())
			.param("phone", patient.contact().phone())
			.param("email", patient.contact().email())
			.query((rs, row) -> new Match(rs.getObject("id", UUID.class), rs.getBoolean("same_identity"),
					rs.getBoolean("same_phone"), rs.getBoolean("same_email")))
			.list();
	}

	private static Patient patient(ResultSet rs, int row) throws SQLException {
		return new Patient(rs.getObject("id", UUID.class), rs.getString("given_name"), rs.getString("family_name"),
				rs.getObject("date_of_birth", java.time.LocalDate.class),
				new Patient.Contact(rs.getString("phone"), rs.getString("email"),
						Channel.valueOf(rs.getString("preferred_channel")), rs.getString("time_zone")));
	}

	/**
	 * A possible duplicate.
	 *
	 * @param patientId the existing patient
	 * @param sameIdentity same names and date of birth
	 * @param samePhone same phone
	 * @param sameEmail same email
	 */
	public record Match(UUID patientId, boolean sameIdentity, boolean samePhone, boolean sameEmail) {
	}

}
