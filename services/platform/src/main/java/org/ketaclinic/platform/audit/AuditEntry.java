package org.ketaclinic.platform.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One access to patient data, or one refused request.
 *
 * @param id sequence number, the order of the hash chain
 * @param occurredAt when
 * @param actor the user or client: the token subject ({@code sub}), {@code anonymous} for
 * a caller without a valid token, {@code system} for work no caller started
 * @param actorName the display name the token gave ({@code preferred_username} or
 * {@code name}), if any; for reading only, the subject is what identifies
 * @param roles the caller's roles, comma-separated
 * @param patientId whose data, if it concerns one patient
 * @param action what was done, e.g. {@code SUBMISSION_READ}, or {@code ACCESS_REFUSED}
 * @param resource what was touched, e.g. {@code submission/5b0c...}; for a refusal the
 * method and path, never the query string or body
 * @param correlationId the request's correlation id
 * @param outcome {@code OK}, or {@code UNAUTHENTICATED} (401) or {@code FORBIDDEN} (403)
 * @param prevHash the hash of the entry before it in the chain (null for the first)
 * @param hash SHA-256 over this entry's canonical form and {@code prevHash}
 * @param clinicId the clinic of the patient concerned (ADR 12); null for an entry that
 * concerns no clinic's patient (a refusal, a system entry) or one written before clinics
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String actorName, String roles, UUID patientId,
		String action, String resource, String correlationId, String outcome, String prevHash, String hash,
		String clinicId) {

	/** The outcome of an allowed access. */
	public static final String OK = "OK";

	/** The outcome of a request refused with 401. */
	public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

	/** The outcome of a request refused with 403. */
	public static final String FORBIDDEN = "FORBIDDEN";

}
