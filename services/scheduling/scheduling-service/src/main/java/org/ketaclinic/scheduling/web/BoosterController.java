package org.ketaclinic.scheduling.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.booster.ProposingBoosters;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Clinicians approve or decline proposed boosters; the front desk sees them to book. */
@RestController
@RequestMapping(path = "/api/scheduling/booster-proposals", produces = MediaType.APPLICATION_JSON_VALUE)
class BoosterController {

	private final ProposingBoosters boosters;

	private final AuditLog audit;

	private final ClinicScope clinicScope;

	BoosterController(ProposingBoosters boosters, AuditLog audit, ClinicScope clinicScope) {
		this.boosters = boosters;
		this.audit = audit;
		this.clinicScope = clinicScope;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	List<ProposingBoosters.Proposal> open() {
		List<ProposingBoosters.Proposal> open = this.boosters.open(this.clinicScope.sqlArray());
		open.forEach((p) -> this.audit.record(p.clinicId(), p.patientId(), "BOOSTER_PROPOSAL_READ",
				"booster/" + p.proposalId()));
		return open;
	}

	@PostMapping(path = "/{proposalId}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('CLINICIAN')")
	@Transactional
	ProposingBoosters.Proposal approve(@PathVariable UUID proposalId, @Valid @RequestBody Note note,
			Principal clinician) {
		scoped(proposalId);
		ProposingBoosters.Proposal proposal = this.boosters.approve(proposalId, clinician.getName(), note.note(),
				this.clinicScope.sqlArray());
		this.audit.recordChange(proposal.clinicId(), proposal.patientId(), "BOOSTER_APPROVED", "booster/" + proposalId);
		return proposal;
	}

	@PostMapping(path = "/{proposalId}/decline", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('CLINICIAN')")
	@Transactional
	ProposingBoosters.Proposal decline(@PathVariable UUID proposalId, @Valid @RequestBody Note note,
			Principal clinician) {
		scoped(proposalId);
		ProposingBoosters.Proposal proposal = this.boosters.decline(proposalId, clinician.getName(), note.note(),
				this.clinicScope.sqlArray());
		this.audit.recordChange(proposal.clinicId(), proposal.patientId(), "BOOSTER_DECLINED", "booster/" + proposalId);
		return proposal;
	}

	/** A proposal of another clinic answers exactly like an unknown one (ADR 12). */
	private void scoped(UUID proposalId) {
		this.boosters.find(proposalId, this.clinicScope.sqlArray())
			.orElseThrow(() -> new NotFoundException("No booster proposal " + proposalId));
	}

	/**
	 * A clinician's note on a decision.
	 *
	 * @param note why (stays in scheduling)
	 */
	record Note(@NotBlank @Size(max = 500) String note) {
	}

}
