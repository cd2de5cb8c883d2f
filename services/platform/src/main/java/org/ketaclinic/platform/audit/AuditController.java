package org.ketaclinic.platform.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.InvalidRequestException;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators read the audit log by patient, by user or by time, verify its hash
 * chain, and export it for the compliance officer. Each of these is audited in turn.
 */
@RestController
@Validated
@RequestMapping(path = "/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('ADMIN')")
public class AuditController {

	/** Media type of the export: one JSON entry per line. */
	public static final String NDJSON = "application/x-ndjson";

	private final AuditLog audit;

	private final ClinicScope clinics;

	public AuditController(AuditLog audit, ClinicScope clinics) {
		this.audit = audit;
		this.clinics = clinics;
	}

	/** An administrator reads the entries of their own clinics only (ADR 12). */
	private AuditLog.Visibility visibility() {
		return new AuditLog.Visibility(this.clinics.sqlArray(), this.clinics.defaultClinic());
	}

	@GetMapping
	public List<AuditEntry> list(@RequestParam(required = false) UUID patientId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) Instant since,
			@RequestParam(defaultValue = "200") @Min(1) @Max(5000) int limit) {
		List<AuditEntry> entries;
		if (patientId != null) {
			entries = this.audit.forPatient(patientId, visibility(), limit);
		}
		else if (actor != null && !actor.isBlank()) {
			entries = this.audit.byActor(actor, visibility(), limit);
		}
		else if (since != null) {
			entries = this.audit.since(Timestamp.from(since), visibility(), limit);
		}
		else {
			throw new InvalidRequestException("patientId", "give a patientId, an actor or a since time");
		}
		// after the query, so an answer never holds its own entry
		this.audit.record(null, "AUDIT_READ", (patientId != null) ? "audit?patientId=" + patientId : "audit");
		return entries;
	}

	/**
	 * Recomputes the whole hash chain: {@code verified} with the number of entries, or
	 * the first entry that was changed or follows a deleted one.
	 */
	@GetMapping("/verification")
	public AuditLog.Verification verification() {
		AuditLog.Verification verification = this.audit.verify();
		this.audit.record(null, "AUDIT_VERIFIED", "audit/verification");
		return verification;
	}

	/**
	 * The entries of {@code [from, to)} in chain order, one JSON object a line, with
	 * their hashes: the compliance officer can recompute the chain (ADR 10) and keep the
	 * last hash to compare with a later export. The export is audited before it starts.
	 */
	@GetMapping(path = "/export", produces = NDJSON)
	public void export(@RequestParam Instant from, @RequestParam Instant to, HttpServletResponse response)
			throws IOException {
		if (!from.isBefore(to)) {
			throw new InvalidRequestException("to", "must be after from");
		}
		this.audit.record(null, "AUDIT_EXPORTED", "audit/export?from=" + from + "&to=" + to);
		response.setContentType(NDJSON);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"audit-" + from.getEpochSecond() + "-" + to.getEpochSecond() + ".ndjson\"");
		OutputStream out = response.getOutputStream();
		this.audit.export(from, to, visibility(), (entry) -> {
			try {
				out.write(EventJson.mapper().writeValueAsBytes(entry));
				out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		out.flush();
	}

}
