package org.ketaclinic.platform.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.ketaclinic.platform.web.InvalidRequestException;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators read the audit log by patient or by user. */
@RestController
@Validated
@RequestMapping(path = "/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('ADMIN')")
public class AuditController {

	private final AuditLog audit;

	public AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping
	public List<AuditEntry> list(@RequestParam(required = false) UUID patientId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) Instant since,
			@RequestParam(defaultValue = "200") @Min(1) @Max(5000) int limit) {
		if (patientId != null) {
			return this.audit.forPatient(patientId, limit);
		}
		if (actor != null && !actor.isBlank()) {
			return this.audit.byActor(actor, limit);
		}
		if (since != null) {
			return this.audit.since(Timestamp.from(since), limit);
		}
		throw new InvalidRequestException("patientId", "give a patientId, an actor or a since time");
	}

}
