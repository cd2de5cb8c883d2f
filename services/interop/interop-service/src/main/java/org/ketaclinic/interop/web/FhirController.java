package org.ketaclinic.interop.web;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.ketaclinic.interop.fhir.Capabilities;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.IntakeQuestionnaire;
import org.ketaclinic.interop.fhir.Outcomes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The FHIR R4 base ({@code /fhir/r4}): the capability statement and the intake form so
 * far (ADR 18, slice 1).
 */
@RestController
@RequestMapping(path = "/fhir/r4", produces = { Fhir.JSON, "application/json" })
class FhirController {

	private final String version;

	FhirController(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "development";
	}

	/** What the service serves: any member of staff may ask. */
	@GetMapping("/metadata")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN', 'ADMIN')")
	CapabilityStatement metadata() {
		return Capabilities.statement(Capabilities.SERVED, this.version);
	}

	/**
	 * The intake form, for whoever may refer a patient (the roles that may submit an
	 * intake).
	 */
	@GetMapping("/Questionnaire/{id}")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	ResponseEntity<IBaseResource> questionnaire(@PathVariable String id) {
		if (!IntakeQuestionnaire.ID.equals(id)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Outcomes.notFound("Questionnaire/" + id));
		}
		return ResponseEntity.ok(IntakeQuestionnaire.questionnaire());
	}

}
