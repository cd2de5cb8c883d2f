package org.ketaclinic.platform.inbox;

import java.security.Principal;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.ketaclinic.platform.web.NotFoundException;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators list this service's dead letters and replay them once the cause is
 * fixed.
 */
@RestController
@Validated
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('ADMIN')")
public class DeadLetterController {

	private final DeadLetters deadLetters;

	public DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	List<DeadLetter> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.deadLetters.list(limit);
	}

	@PostMapping("/{topic}/{partition}/{offset}/replay")
	DeadLetter replay(@PathVariable String topic, @PathVariable @Min(0) int partition,
			@PathVariable @Min(0) long offset, Principal principal) {
		return this.deadLetters.replay(topic, partition, offset, principal.getName())
			.orElseThrow(() -> new NotFoundException(
					"No dead letter of this service at " + topic + "/" + partition + "/" + offset));
	}

}
