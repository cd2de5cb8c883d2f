package org.ketaclinic.intake.duplicate;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.intake.patient.Patient;
import org.ketaclinic.intake.patient.Patients;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Raising, listing and resolving possible-duplicate flags. */
@Service
public class DuplicateFlags {

	private static final String SELECT = "SELECT f.*, m.clinic_id AS matched_clinic_id FROM duplicate_flag f"
			+ " JOIN patient m ON m.id = f.matched_patient_id";

	private final JdbcClient jdbc;

	private final Patients patients;

	private final AuditLog audit;

	private final Clock clock;

	private final ClinicScope clinicScope;

	DuplicateFlags(JdbcClient jdbc, Patients patients, AuditLog audit, Clock clock, ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.jdbc = jdbc;
		this.patients = patients;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Flags each existing patient of the caller's clinics the new one may be (ADR 12: the
	 * check spans the caller's clinics only); part of the caller's transaction. The flag
	 * belongs to the new patient's clinic.
	 */
	@Transactional
	public List<DuplicateFlag> raiseFor(Patient patient, UUID submissionId) {
		List<DuplicateFlag> raised = new ArrayList<>();
		for (Patients.Match match : this.patients.possibleDuplicates(patient, this.clinicScope.sqlArray())) {
			List<String> reasons = new ArrayList<>();
			if (match.sameIdentity()) {
				reasons.add("NAME_AND_DATE_OF_BIRTH");
			}
			if (match.samePhone()) {
				reasons.add("PHONE");
			}
			if (match.sameEmail()) {
				reasons.add("EMAIL");
			}
			DuplicateFlag flag = new DuplicateFlag(UUID.randomUUID(), submissionId, patient.id(), match.patientId(),
					reasons, DuplicateFlag.Status.OPEN, this.clock.instant(), null, null, patient.clinicId(),
					match.clinicId());
			this.jdbc
				.sql("""
						INSERT INTO duplicate_flag (id, submission_id, patient_id, matched_patient_id, reasons, status, created_at,
							clinic_id)
						VALUES (?, ?, ?, ?, ?::text[], 'OPEN', ?, ?) ON CONFLICT DO NOTHING
						""")
				.params(flag.flagId(), submissionId, patient.id(), match.patientId(),
						"{" + String.join(",", reasons) + "}", Timestamp.from(flag.createdAt()), patient.clinicId())
				.update();
			raised.add(flag);
		}
		return raised;
	}

	/**
	 * Flags in a status whose two patients both belong to the caller's clinics, newest
	 * first; reading them is audited for both patients of each.
	 */
	@Transactional
	public List<DuplicateFlag> list(DuplicateFlag.Status status) {
		String[] clinics = this.clinicScope.sqlArray();
		List<DuplicateFlag> flags = this.jdbc
			.sql(SELECT + " WHERE f.status = ? AND f.clinic_id = ANY(?) AND m.clinic_id = ANY(?)"
					+ " ORDER BY f.created_at DESC LIMIT 500")
			.params(status.name(), clinics, clinics)
			.query(DuplicateFlags::flag)
			.list();
		for (DuplicateFlag flag : flags) {
			this.audit.record(flag.clinicId(), flag.patientId(), "DUPLICATE_FLAG_READ", "duplicate/" + flag.flagId());
			this.audit.record(flag.matchedClinicId(), flag.matchedPatientId(), "DUPLICATE_FLAG_READ",
					"duplicate/" + flag.flagId());
		}
		return flags;
	}

	/**
	 * Records a member of staff's decision. Deciding the same again answers the first
	 * decision; deciding otherwise is a conflict.
	 */
	@Transactional
	public DuplicateFlag resolve(UUID flagId, DuplicateFlag.Status resolution, String by) {
		if (resolution == DuplicateFlag.Status.OPEN) {
			throw new IllegalArgumentException("a resolution decides the flag");
		}
		DuplicateFlag flag = find(flagId, true).orElseThrow(() -> new NotFoundException("No duplicate flag " + flagId));
		if (flag.status() == resolution) {
			return flag;
		}
		if (flag.status() != DuplicateFlag.Status.OPEN) {
			throw new ConflictException("This flag was already resolved as " + flag.status());
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("UPDATE duplicate_flag SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ?")
			.params(resolution.name(), by, Timestamp.from(now), flagId)
			.update();
		this.audit.recordChange(flag.clinicId(), flag.patientId(), "DUPLICATE_FLAG_RESOLVED", "duplicate/" + flagId);
		return find(flagId, false).orElseThrow();
	}

	/**
	 * A flag whose two patients both belong to the caller's clinics; any other is not
	 * found.
	 */
	private Optional<DuplicateFlag> find(UUID flagId, boolean lock) {
		String[] clinics = this.clinicScope.sqlArray();
		return this.jdbc
			.sql(SELECT + " WHERE f.id = ? AND f.clinic_id = ANY(?) AND m.clinic_id = ANY(?)"
					+ (lock ? " FOR UPDATE OF f" : ""))
			.params(flagId, clinics, clinics)
			.query(DuplicateFlags::flag)
			.optional();
	}

	private static DuplicateFlag flag(ResultSet rs, int row) throws SQLException {
		Array reasons = rs.getArray("reasons");
		Timestamp resolvedAt = rs.getTimestamp("resolved_at");
		return new DuplicateFlag(rs.getObject("id", UUID.class), rs.getObject("submission_id", UUID.class),
				rs.getObject("patient_id", UUID.class), rs.getObject("matched_patient_id", UUID.class),
				Arrays.asList((String[]) reasons.getArray()), DuplicateFlag.Status.valueOf(rs.getString("status")),
				rs.getTimestamp("created_at").toInstant(), rs.getString("resolved_by"),
				(resolvedAt != null) ? resolvedAt.toInstant() : null, rs.getString("clinic_id"),
				rs.getString("matched_clinic_id"));
	}

}
