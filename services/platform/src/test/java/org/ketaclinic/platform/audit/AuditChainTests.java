package org.ketaclinic.platform.audit;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTests {

	private static final Instant AT = Instant.parse("2026-03-10T09:15:30.123456789Z");

	private static final UUID PATIENT = UUID.fromString("5b0c6c1e-8f7a-4c38-9d4e-2f1a1b2c3d4e");

	@Test
	void theSameEntryAndLinkAlwaysHashTheSame() {
		assertThat(hash("frontdesk-1", "SESSION_READ", "prev")).isEqualTo(hash("frontdesk-1", "SESSION_READ", "prev"))
			.hasSize(64)
			.matches("[0-9a-f]{64}");
	}

	/**
	 * The canonical form as documented (docs/operations/security.md) and as
	 * V3__audit_integrity.sql computes it in SQL: the value was checked against both.
	 */
	@Test
	void theHashIsTheDocumentedCanonicalFormsSha256() {
		assertThat(AuditChain.hash(42, Instant.parse("2026-03-10T09:15:30.123456Z"), "sub-1", "Zo\u00eb",
				"ADMIN,FRONT_DESK", PATIENT, "SESSION_READ", "session/1", null, "OK", "abc"))
			.isEqualTo("183bac2a40f7f629a00c73ea62d146253e88bf7d5dc14327e2c86ec08b6255c2");
	}

	@Test
	void anyChangedFieldOrLinkChangesTheHash() {
		String original = hash("frontdesk-1", "SESSION_READ", "prev");
		assertThat(hash("frontdesk-2", "SESSION_READ", "prev")).isNotEqualTo(original);
		assertThat(hash("frontdesk-1", "SESSION_CANCELLED", "prev")).isNotEqualTo(original);
		assertThat(hash("frontdesk-1", "SESSION_READ", "other")).isNotEqualTo(original);
		assertThat(hash("frontdesk-1", "SESSION_READ", null)).isNotEqualTo(original);
	}

	@Test
	void aValueCannotImitateASeparatorOrANull() {
		assertThat(AuditChain.hash(1, AT, "a|b", null, "", null, "X", "r", null, "OK", null))
			.isNotEqualTo(AuditChain.hash(1, AT, "a", "b", "", null, "X", "r", null, "OK", null));
		assertThat(AuditChain.hash(1, AT, "a", "-", "", null, "X", "r", null, "OK", null))
			.isNotEqualTo(AuditChain.hash(1, AT, "a", null, "", null, "X", "r", null, "OK", null));
	}

	@Test
	void timesAreHashedToTheMicrosecondPostgreSqlKeeps() {
		assertThat(AuditChain.hash(1, AT, "a", null, "", PATIENT, "X", "r", null, "OK", null)).isEqualTo(AuditChain
			.hash(1, Instant.parse("2026-03-10T09:15:30.123456Z"), "a", null, "", PATIENT, "X", "r", null, "OK", null));
	}

	@Test
	void anEntryOfAClinicIsHashedWithItsClinicSoMovingItToAnotherOrNoneBreaksTheHash() {
		String riverside = AuditChain.hash(1, AT, "a", null, "", PATIENT, "X", "r", null, "OK", "riverside", "p");
		assertThat(riverside)
			.isEqualTo(AuditChain.hash(1, AT, "a", null, "", PATIENT, "X", "r", null, "OK", "riverside", "p"))
			.isNotEqualTo(AuditChain.hash(1, AT, "a", null, "", PATIENT, "X", "r", null, "OK", "lakeside", "p"))
			.isNotEqualTo(AuditChain.hash(1, AT, "a", null, "", PATIENT, "X", "r", null, "OK", "p"));
		assertThat(AuditChain.hash(1, AT, "a", null, "", PATIENT, "X", "r", null, "OK", null, "p"))
			.as("an entry of no clinic keeps the first canonical form")
			.isEqualTo(AuditChain.hash(1, AT, "a", null, "", PATIENT, "X", "r", null, "OK", "p"));
	}

	private static String hash(String actor, String action, String prevHash) {
		return AuditChain.hash(7, AT, actor, "Fiona", "FRONT_DESK", PATIENT, action, "session/1", "c-1", "OK",
				prevHash);
	}

}
