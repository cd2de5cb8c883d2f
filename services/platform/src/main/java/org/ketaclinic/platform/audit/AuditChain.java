package org.ketaclinic.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The hash chain of the audit log: each entry's hash is SHA-256 over its canonical form,
 * which ends with the hash of the entry before it. The canonical form is also written out
 * in {@code db/platform/V3__audit_integrity.sql}, which chained the entries made before
 * it; the two must stay the same.
 *
 * <pre>
 * v1|id|occurredAt|hex(actor)|hex(actorName)|hex(roles)|patientId|hex(action)|hex(resource)|hex(correlationId)|hex(outcome)|prevHash
 * </pre>
 *
 * An entry that names a clinic (ADR 12) is of the second form, which adds it before the
 * link, so dropping or changing the clinic breaks the hash:
 *
 * <pre>
 * v2|id|occurredAt|...|hex(outcome)|hex(clinicId)|prevHash
 * </pre>
 *
 * Text fields are the hexadecimal of their UTF-8 bytes, so no value can imitate a
 * separator; {@code -} stands for null; the time is UTC with microseconds, as PostgreSQL
 * keeps it.
 */
final class AuditChain {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final HexFormat HEX = HexFormat.of();

	private AuditChain() {
	}

	static String hash(long id, Instant occurredAt, String actor, String actorName, String roles, UUID patientId,
			String action, String resource, String correlationId, String outcome, String prevHash) {
		return hash(id, occurredAt, actor, actorName, roles, patientId, action, resource, correlationId, outcome, null,
				prevHash);
	}

	static String hash(long id, Instant occurredAt, String actor, String actorName, String roles, UUID patientId,
			String action, String resource, String correlationId, String outcome, String clinicId, String prevHash) {
		List<String> fields = new ArrayList<>(List.of((clinicId != null) ? "v2" : "v1", Long.toString(id),
				TIME.format(occurredAt.truncatedTo(ChronoUnit.MICROS)), hex(actor), hex(actorName), hex(roles),
				(patientId != null) ? patientId.toString() : "-", hex(action), hex(resource), hex(correlationId),
				hex(outcome)));
		if (clinicId != null) {
			fields.add(hex(clinicId));
		}
		fields.add((prevHash != null) ? prevHash : "-");
		String canonical = String.join("|", fields);
		return HEX.formatHex(sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
	}

	/** The hash an entry should have, given the hash before it. */
	static String hash(AuditEntry entry, String prevHash) {
		return hash(entry.id(), entry.occurredAt(), entry.actor(), entry.actorName(), entry.roles(), entry.patientId(),
				entry.action(), entry.resource(), entry.correlationId(), entry.outcome(), entry.clinicId(), prevHash);
	}

	private static String hex(String value) {
		return (value != null) ? HEX.formatHex(value.getBytes(StandardCharsets.UTF_8)) : "-";
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
