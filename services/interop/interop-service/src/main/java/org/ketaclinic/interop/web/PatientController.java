package org.ketaclinic.interop.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.Outcomes;
import org.ketaclinic.interop.fhir.PatientResources;
import org.ketaclinic.interop.fhir.Searchsets;
import org.ketaclinic.interop.patient.Patients;
import org.ketaclinic.interop.patient.Patients.Comparison;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /fhir/r4/Patient/{id}} and
 * {@code GET /fhir/r4/Patient?family=&given=&birthdate=}: the caller's clinics' patients,
 * for the roles that read a patient in intake's API; every patient shown is audited.
 */
@RestController
@RequestMapping(path = "/fhir/r4/Patient", produces = { Fhir.JSON, "application/json" })
class PatientController {

	/** A page's size when the search names none. */
	static final int DEFAULT_COUNT = 50;

	/** The largest page served. */
	static final int MAX_COUNT = 200;

	private final Patients patients;

	private final ClinicScope clinicScope;

	private final AuditLog audit;

	PatientController(Patients patients, ClinicScope clinicScope, AuditLog audit) {
		this.patients = patients;
		this.clinicScope = clinicScope;
		this.audit = audit;
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	ResponseEntity<IBaseResource> read(@PathVariable String id) {
		UUID patientId;
		try {
			patientId = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return notFound(id);
		}
		// a patient of another clinic is as unknown as one who does not exist; the
		// attempt
		// is on record all the same, in no clinic
		return this.patients.find(patientId, this.clinicScope.sqlArray()).<ResponseEntity<IBaseResource>>map((held) -> {
			this.audit.record(held.clinicId(), held.id(), "FHIR_PATIENT_READ", "Patient/" + held.id());
			return ResponseEntity.ok(PatientResources.patient(held));
		}).orElseGet(() -> {
			this.audit.record(null, patientId, "FHIR_PATIENT_READ", "Patient/" + patientId);
			return notFound(id);
		});
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	ResponseEntity<IBaseResource> search(@RequestParam(required = false) String family,
			@RequestParam(required = false) String given, @RequestParam(required = false) String birthdate,
			@RequestParam(name = "_count", required = false) String count,
			@RequestParam(name = "_offset", required = false) String offset) {
		if (blank(family) && blank(given) && blank(birthdate)) {
			return ResponseEntity.badRequest()
				.body(Outcomes.invalid("family", "or given or birthdate is required: Patient?family={name}"));
		}
		Patients.Query query;
		try {
			query = query(family, given, birthdate);
		}
		catch (IllegalArgumentException ex) {
			return ResponseEntity.badRequest()
				.body(Outcomes.invalid("birthdate",
						"must be a date (yyyy-MM-dd), optionally after eq, ne, lt, gt," + " le or ge"));
		}
		Integer pageSize = number(count, 0, MAX_COUNT);
		if (pageSize == null) {
			return ResponseEntity.badRequest()
				.body(Outcomes.invalid("_count", "must be a whole number 0 to " + MAX_COUNT));
		}
		Integer skip = number(offset, 0, Integer.MAX_VALUE);
		if (skip == null) {
			return ResponseEntity.badRequest().body(Outcomes.invalid("_offset", "must be a whole number from 0"));
		}
		int size = (count == null) ? DEFAULT_COUNT : pageSize;
		int from = (offset == null) ? 0 : skip;
		Patients.Page page = this.patients.search(query, this.clinicScope.sqlArray(), from, size);
		page.patients()
			.forEach((held) -> this.audit.record(held.clinicId(), held.id(), "FHIR_PATIENT_LISTED",
					"Patient/" + held.id()));
		if (page.patients().isEmpty()) {
			// a search that showed no one is on record too, by the parameters it used
			// (their
			// values are names: not written here)
			this.audit.record(null, null, "FHIR_PATIENT_SEARCHED",
					"Patient?" + String.join(",", named(family, "family", given, "given", birthdate, "birthdate")));
		}
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/r4").toUriString();
		String self = ServletUriComponentsBuilder.fromCurrentRequest().toUriString();
		String next = (size > 0 && from + size < page.total()) ? ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("_count", size)
			.replaceQueryParam("_offset", from + size)
			.toUriString() : null;
		return ResponseEntity
			.ok(Searchsets.of(page.total(), page.patients().stream().map(PatientResources::patient).toList(), base,
					new Searchsets.Links(self, next)));
	}

	private static Patients.Query query(String family, String given, String birthdate) {
		LocalDate date = null;
		Comparison comparison = Comparison.EQ;
		if (!blank(birthdate)) {
			String value = birthdate.trim();
			if (value.length() > 2 && Character.isLetter(value.charAt(0))) {
				comparison = Comparison.valueOf(value.substring(0, 2).toUpperCase(Locale.ROOT));
				value = value.substring(2);
			}
			try {
				date = LocalDate.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(ex);
			}
		}
		return new Patients.Query(blank(family) ? null : family.trim(), blank(given) ? null : given.trim(), date,
				comparison);
	}

	/** The number, or null when it is not a whole number within the bounds. */
	private static Integer number(String text, int min, int max) {
		if (text == null) {
			return min;
		}
		try {
			int value = Integer.parseInt(text.trim());
			return (value >= min && value <= max) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The names of the parameters given, in the order listed (name after value). */
	private static List<String> named(String... valuesAndNames) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < valuesAndNames.length; i += 2) {
			if (!blank(valuesAndNames[i])) {
				names.add(valuesAndNames[i + 1]);
			}
		}
		return names;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	private static ResponseEntity<IBaseResource> notFound(String id) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Outcomes.notFound("Patient/" + id));
	}

}
