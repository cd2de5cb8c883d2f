package org.ketaclinic.intake.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import org.ketaclinic.intake.duplicate.DuplicateFlag;
import org.ketaclinic.intake.duplicate.DuplicateFlags;
import org.ketaclinic.intake.web.IntakeRequests.Resolution;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff review possible duplicate patients and decide whether each is the same person.
 */
@RestController
@RequestMapping(path = "/api/intake/duplicates", produces = MediaType.APPLICATION_JSON_VALUE)
class DuplicateController {

	private final DuplicateFlags flags;

	DuplicateController(DuplicateFlags flags) {
		this.flags = flags;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	List<DuplicateFlag> list(@RequestParam(defaultValue = "OPEN") DuplicateFlag.Status status) {
		return this.flags.list(status);
	}

	@PostMapping(path = "/{flagId}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	DuplicateFlag resolve(@PathVariable UUID flagId, @Valid @RequestBody Resolution resolution, Principal caller) {
		return this.flags.resolve(flagId, DuplicateFlag.Status.valueOf(resolution.resolution().name()),
				caller.getName());
	}

}
