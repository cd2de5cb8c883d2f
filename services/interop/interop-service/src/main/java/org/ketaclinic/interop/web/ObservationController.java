package org.ketaclinic.interop.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.Phq9Observations;
import org.ketaclinic.interop.score.Phq9Scores;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /fhir/r4/Observation?subject=Patient/{id}&code=http://loinc.org|44261-6}: a
 * patient's PHQ-9 totals, for clinicians, in their clinics, each search audited.
 */
@RestController
@RequestMapping(path = "/fhir/r4/Observation", produces = { Fhir.JSON, "application/json" })
class ObservationController {

	private final Phq9Scores scores;

	private final ClinicScope clinicScope;

	private final AuditLog audit;

	ObservationController(Phq9Scores scores, ClinicScope clinicScope, AuditLog audit) {
		this.scores = scores;
		this.clinicScope = clinicScope;
		this.audit = audit;
	}

	@GetMapping
	@PreAuthorize("hasRole('CLINICIAN')")
	ResponseEntity<IBaseResource> search(@RequestParam(required = false) String subject,
			@RequestParam(required = false) String patient, @RequestParam(required = false) String code,
			HttpServletRequest request) {
		References.Searched searched = References.patient("Observation", "subject", subject, "patient", patient);
		if (searched.refusal() != null) {
			return searched.refusal();
		}
		UUID patientId = searched.patientId();
		List<Phq9Scores.Score> found = (code == null || code.equals(Phq9Observations.TOTAL_TOKEN)
				|| code.equals(Phq9Observations.TOTAL_CODE))
						? this.scores.ofPatient(patientId, this.clinicScope.sqlArray()) : List.of();
		// every search naming a patient is audited, one that found nothing too
		SearchAudit.record(this.audit, patientId, found.stream().map(Phq9Scores.Score::clinicId).toList(),
				"FHIR_OBSERVATIONS_READ");
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/r4").toUriString();
		String self = ServletUriComponentsBuilder.fromCurrentRequest().toUriString();
		return ResponseEntity.ok(Phq9Observations.searchset(found, base, self));
	}

}
