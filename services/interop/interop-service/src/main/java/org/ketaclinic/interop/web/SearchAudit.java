package org.ketaclinic.interop.web;

import java.util.Collection;
import java.util.UUID;

import org.ketaclinic.platform.audit.AuditLog;

/**
 * How a search naming one patient is audited: once in each clinic whose records it
 * showed, and once in no clinic when it showed nothing (another clinic's patient and an
 * unknown id answer the same empty bundle, and the search itself is still on record).
 */
final class SearchAudit {

	private SearchAudit() {
	}

	static void record(AuditLog audit, UUID patientId, Collection<String> clinicsShown, String action) {
		if (clinicsShown.isEmpty()) {
			audit.record(null, patientId, action, "Patient/" + patientId);
		}
		clinicsShown.stream()
			.distinct()
			.forEach((clinic) -> audit.record(clinic, patientId, action, "Patient/" + patientId));
	}

}
