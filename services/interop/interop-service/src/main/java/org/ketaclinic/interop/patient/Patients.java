package org.ketaclinic.interop.patient;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who each patient is, as intake's events last said: names and birth date, phone and
 * email, each half kept with the time of its change so that an older event replayed never
 * replaces a newer one (a change made at the same instant still applies).
 */
@Repository
public class Patients {

	/**
	 * A patient as the FHIR {@code Patient} shows them; a half not yet received is null.
	 *
	 * @param id the patient
	 * @param clinicId their clinic
	 * @param familyName family name
	 * @param givenName given name
	 * @param birthDate date of birth
	 * @param phone mobile number (E.164)
	 * @param email email address
	 * @param updatedAt when this service last changed the record
	 */
	public record Patient(UUID id, String clinicId, String familyName, String givenName, LocalDate birthDate,
			String phone, String email, Instant updatedAt) {
	}

	/** How a birth date is compared, as FHIR's date search prefixes say. */
	public enum Comparison {

		EQ("="), NE("<>"), LT("<"), GT(">"), LE("<="), GE(">=");

		private final String operator;

		Comparison(String operator) {
			this.operator = operator;
		}

	}

	/**
	 * A search: each criterion given narrows it.
	 *
	 * @param family the start of the family name, any case, or null
	 * @param given the start of the given name, any case, or null
	 * @param birthDate compared with the birth date, or null
	 * @param comparison how
	 */
	public record Query(String family, String given, LocalDate birthDate, Comparison comparison) {
	}

	/**
	 * A page of a search.
	 *
	 * @param total how many match in all
	 * @param patients those on this page, by family name, given name and id
	 */
	public record Page(int total, List<Patient> patients) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Patients(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records who a patient is, unless what is held is of a later change.
	 * @return whether anything changed
	 */
	public boolean recordDemographics(UUID id, String clinicId, String familyName, String givenName,
			LocalDate birthDate, Instant changedAt) {
		return this.jdbc.sql("""
				INSERT INTO patient (patient_id, clinic_id, family_name, given_name, birth_date, demographics_at,
				                     updated_at)
				VALUES (:id, :clinic, :family, :given, :birth_date, :changed_at, :now)
				ON CONFLICT (patient_id) DO UPDATE SET clinic_id = EXCLUDED.clinic_id,
				    family_name = EXCLUDED.family_name, given_name = EXCLUDED.given_name,
				    birth_date = EXCLUDED.birth_date, demographics_at = EXCLUDED.demographics_at,
				    updated_at = EXCLUDED.updated_at
				WHERE patient.demographics_at IS NULL OR patient.demographics_at <= EXCLUDED.demographics_at
				""")
			.param("id", id)
			.param("clinic", clinicId)
			.param("family", familyName)
			.param("given", givenName)
			.param("birth_date", Date.valueOf(birthDate))
			.param("changed_at", Timestamp.from(changedAt))
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	/**
	 * Records how to reach a patient, unless what is held is of a later change.
	 * @return whether anything changed
	 */
	public boolean recordContact(UUID id, String clinicId, String phone, String email, Instant changedAt) {
		return this.jdbc.sql("""
				INSERT INTO patient (patient_id, clinic_id, phone, email, contact_at, updated_at)
				VALUES (:id, :clinic, :phone, :email, :changed_at, :now)
				ON CONFLICT (patient_id) DO UPDATE SET clinic_id = EXCLUDED.clinic_id, phone = EXCLUDED.phone,
				    email = EXCLUDED.email, contact_at = EXCLUDED.contact_at, updated_at = EXCLUDED.updated_at
				WHERE patient.contact_at IS NULL OR patient.contact_at <= EXCLUDED.contact_at
				""")
			.param("id", id)
			.param("clinic", clinicId)
			.param("phone", phone)
			.param("email", email)
			.param("changed_at", Timestamp.from(changedAt))
			.param("now", Timestamp.from(this.clock.instant()))
			.update() == 1;
	}

	/** A patient of one of the given clinics. */
	public Optional<Patient> find(UUID id, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM patient WHERE patient_id = ? AND clinic_id = ANY (?)")
			.param(id)
			.param(clinics)
			.query(Patients::patient)
			.optional();
	}

	/**
	 * The patients of the given clinics that match, a page at a time.
	 * @param offset how many matches to skip
	 * @param count at most how many to return
	 */
	public Page search(Query query, String[] clinics, int offset, int count) {
		StringBuilder where = new StringBuilder("clinic_id = ANY (:clinics)");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("clinics", clinics);
		if (query.family() != null) {
			where.append(" AND lower(family_name) LIKE :family");
			params.put("family", startsWith(query.family()));
		}
		if (query.given() != null) {
			where.append(" AND lower(given_name) LIKE :given");
			params.put("given", startsWith(query.given()));
		}
		if (query.birthDate() != null) {
			where.append(" AND birth_date ").append(query.comparison().operator).append(" :birth_date");
			params.put("birth_date", Date.valueOf(query.birthDate()));
		}
		int total = this.jdbc.sql("SELECT count(*) FROM patient WHERE " + where)
			.params(params)
			.query(Integer.class)
			.single();
		List<Patient> page = new ArrayList<>();
		if (count > 0 && offset < total) {
			page.addAll(this.jdbc
				.sql("SELECT * FROM patient WHERE " + where
						+ " ORDER BY lower(family_name), lower(given_name), patient_id OFFSET :offset LIMIT :count")
				.params(params)
				.param("offset", offset)
				.param("count", count)
				.query(Patients::patient)
				.list());
		}
		return new Page(total, page);
	}

	/**
	 * A LIKE pattern for names that start with the text, any case, its wildcards escaped.
	 */
	private static String startsWith(String text) {
		return text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private static Patient patient(ResultSet rs, int row) throws SQLException {
		Date birth = rs.getDate("birth_date");
		return new Patient(rs.getObject("patient_id", UUID.class), rs.getString("clinic_id"),
				rs.getString("family_name"), rs.getString("given_name"), (birth != null) ? birth.toLocalDate() : null,
				rs.getString("phone"), rs.getString("email"), rs.getTimestamp("updated_at").toInstant());
	}

}
