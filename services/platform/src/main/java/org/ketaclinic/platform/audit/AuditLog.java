package org.ketaclinic.platform.audit;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ketaclinic.platform.events.TraceContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Records who read or changed which patient's data. Call it inside the transaction of the
 * change, so a change and its audit entry commit together; reads are recorded as they
 * happen.
 */
public class AuditLog {

	private static final RowMapper<AuditEntry> ENTRY = (rs, row) -> new AuditEntry(rs.getLong("id"),
			rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), rs.getString("roles"),
			rs.getObject("patient_id", UUID.class), rs.getString("action"), rs.getString("resource"),
			rs.getString("correlation_id"));

	private final JdbcTemplate jdbc;

	public AuditLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an access by the current caller.
	 * @param patientId whose data (may be null for access that concerns no single
	 * patient)
	 * @param action what was done, in upper snake case
	 * @param resource what was touched, e.g. {@code submission/<id>}
	 */
	public void record(UUID patientId, String action, String resource) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		String actor = (caller != null) ? caller.getName() : "system";
		String roles = (caller != null) ? caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.sorted()
			.collect(Collectors.joining(",")) : "";
		String correlationId = TraceContext.current().map(TraceContext::correlationId).orElse(null);
		this.jdbc.update(
				"INSERT INTO audit_event (actor, roles, patient_id, action, resource, correlation_id) VALUES (?, ?, ?, ?, ?, ?)",
				actor, roles, patientId, action, resource, correlationId);
	}

	/** The newest entries about one patient. */
	public List<AuditEntry> forPatient(UUID patientId, int limit) {
		return this.jdbc.query("SELECT * FROM audit_event WHERE patient_id = ? ORDER BY id DESC LIMIT ?", ENTRY,
				patientId, limit);
	}

	/** The newest entries of one user or client. */
	public List<AuditEntry> byActor(String actor, int limit) {
		return this.jdbc.query("SELECT * FROM audit_event WHERE actor = ? ORDER BY id DESC LIMIT ?", ENTRY, actor,
				limit);
	}

	/** The newest entries since a point in time. */
	public List<AuditEntry> since(Timestamp since, int limit) {
		return this.jdbc.query("SELECT * FROM audit_event WHERE occurred_at >= ? ORDER BY id DESC LIMIT ?", ENTRY,
				since, limit);
	}

}
