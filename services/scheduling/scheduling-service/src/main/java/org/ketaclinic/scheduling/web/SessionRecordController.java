package org.ketaclinic.scheduling.web;

import java.security.Principal;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.record.BloodPressureGate;
import org.ketaclinic.scheduling.record.RecordingSessions;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clinicians record a session: pre-dose vitals through the blood-pressure gate, start,
 * completion.
 */
@RestController
@RequestMapping(path = "/api/scheduling/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('CLINICIAN')")
class SessionRecordController {

	private final RecordingSessions recording;

	private final AuditLog audit;

	SessionRecordController(RecordingSessions recording, AuditLog audit) {
		this.recording = recording;
		this.audit = audit;
	}

	@PostMapping(path = "/{sessionId}/pre-dose", consumes = MediaType.APPLICATION_JSON_VALUE)
	Gate preDose(@PathVariable UUID sessionId, @Valid @RequestBody PreDoseRequest request, Principal clinician) {
		BloodPressureGate.Result result = this.recording.preDose(
				sessionId, new RecordingSessions.PreDose(request.systolicBp(), request.diastolicBp(),
						request.heartRate(), request.spo2(), request.ageYears()),
				request.prescriberConfirmedBy(), clinician.getName());
		return new Gate(sessionId, result, request.prescriberConfirmedBy() != null
				&& result == BloodPressureGate.Result.PRESCRIBER_CONFIRMATION_REQUIRED);
	}

	@PostMapping("/{sessionId}/start")
	Session start(@PathVariable UUID sessionId, Principal clinician) {
		Session session = this.recording.start(sessionId, clinician.getName());
		this.audit.record(session.patientId(), "SESSION_STARTED", "session/" + sessionId);
		return session;
	}

	@PostMapping(path = "/{sessionId}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
	Session complete(@PathVariable UUID sessionId, @RequestBody RecordingSessions.Completion completion,
			Principal clinician) {
		Session session = this.recording.complete(sessionId, completion, clinician.getName());
		this.audit.record(session.patientId(), "SESSION_COMPLETED", "session/" + sessionId);
		return session;
	}

	/**
	 * Pre-dose vitals as recorded.
	 *
	 * @param systolicBp systolic pressure
	 * @param diastolicBp diastolic pressure
	 * @param heartRate heart rate
	 * @param spo2 oxygen saturation
	 * @param ageYears the patient's age today
	 * @param prescriberConfirmedBy the prescriber confirming an elevated reading, if any
	 */
	record PreDoseRequest(@NotNull @Min(60) @Max(280) Integer systolicBp,
			@NotNull @Min(30) @Max(180) Integer diastolicBp, @NotNull @Min(25) @Max(250) Integer heartRate,
			@Min(50) @Max(100) Integer spo2, @NotNull @Min(0) @Max(120) Integer ageYears,
			String prescriberConfirmedBy) {
	}

	/**
	 * The gate's verdict.
	 *
	 * @param sessionId the session
	 * @param result CLEAR, PRESCRIBER_CONFIRMATION_REQUIRED or DEFERRED
	 * @param confirmed whether a prescriber has confirmed an elevated reading
	 */
	record Gate(UUID sessionId, BloodPressureGate.Result result, boolean confirmed) {
	}

}
