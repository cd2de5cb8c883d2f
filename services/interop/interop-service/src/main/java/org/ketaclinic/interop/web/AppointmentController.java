package org.ketaclinic.interop.web;

import java.util.List;
import java.util.UUID;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.ketaclinic.interop.appointment.Appointments;
import org.ketaclinic.interop.fhir.AppointmentResources;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.Searchsets;
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
 * {@code GET /fhir/r4/Appointment?patient=Patient/{id}}: a patient's sessions, for the
 * roles that read plans and sessions in scheduling's API, in their clinics; every search
 * audited.
 */
@RestController
@RequestMapping(path = "/fhir/r4/Appointment", produces = { Fhir.JSON, "application/json" })
class AppointmentController {

	private final Appointments appointments;

	private final ClinicScope clinicScope;

	private final AuditLog audit;

	AppointmentController(Appointments appointments, ClinicScope clinicScope, AuditLog audit) {
		this.appointments = appointments;
		this.clinicScope = clinicScope;
		this.audit = audit;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	ResponseEntity<IBaseResource> search(@RequestParam(required = false) String patient,
			@RequestParam(required = false) String actor) {
		References.Searched searched = References.patient("Appointment", "patient", patient, "actor", actor);
		if (searched.refusal() != null) {
			return searched.refusal();
		}
		UUID patientId = searched.patientId();
		List<Appointments.Appointment> found = this.appointments.ofPatient(patientId, this.clinicScope.sqlArray());
		SearchAudit.record(this.audit, patientId, found.stream().map(Appointments.Appointment::clinicId).toList(),
				"FHIR_APPOINTMENTS_READ");
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/r4").toUriString();
		String self = ServletUriComponentsBuilder.fromCurrentRequest().toUriString();
		return ResponseEntity.ok(Searchsets.of(found.size(),
				found.stream().map(AppointmentResources::appointment).toList(), base, Searchsets.Links.single(self)));
	}

}
