package org.ketaclinic.platform.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One access to patient data.
 *
 * @param id sequence number
 * @param occurredAt when
 * @param actor the user or client (token subject)
 * @param roles the caller's roles, comma-separated
 * @param patientId whose data, if it concerns one patient
 * @param action what was done, e.g. {@code SUBMISSION_READ}
 * @param resource what was touched, e.g. {@code submission/5b0c...}
 * @param correlationId the request's correlation id
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String roles, UUID patientId, String action,
		String resource, String correlationId) {

}
