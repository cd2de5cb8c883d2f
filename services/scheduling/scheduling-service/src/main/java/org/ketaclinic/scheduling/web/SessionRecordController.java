package org.ketaclinic.scheduling.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.booking.Sessions;
import org.ketaclinic.scheduling.record.BloodPressureGate;
import org.ketaclinic.scheduling.record.PreDoseSafety;
import org.ketaclinic.scheduling.record.RecordingSessions;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clinicians record a session: the pre-dose check (vitals through the blood-pressure
 * gate, the safety questions since the last visit, the escort), a prescriber's
 * confirmation, start, completion. Each record and its audit entry commit in one
 * transaction.
 */
@RestController
@RequestMapping(path = "/api/scheduling/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('CLINICIAN')")
class SessionRecordController {

	private final RecordingSessions recording;

	private final Sessions sessions;

	private final AuditLog audit;

	private final ClinicScope clinicScope;

	SessionRecordController(RecordingSessions recording, Sessions sessions, AuditLog audit, ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.recording = recording;
		this.sessions = sessions;
		this.audit = audit;
	}

	@PostMapping(path = "/{sessionId}/pre-dose", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Transactional
	Gate preDose(@PathVariable UUID sessionId, @Valid @RequestBody PreDoseRequest request, Principal clinician) {
		scoped(sessionId);
		Safety safety = request.safety();
		RecordingSessions.PreDoseResult result = this.recording.preDose(sessionId,
				new RecordingSessions.PreDose(request.systolicBp(), request.diastolicBp(), request.heartRate(),
						request.spo2(), request.ageYears()),
				new PreDoseSafety(safety.phq9Item9(), safety.wishDead(), safety.activeThoughts(), safety.method(),
						safety.intent(), safety.planWithIntent(), safety.behaviour()),
				request.escortConfirmed(), Boolean.TRUE.equals(request.confirmElevatedPressure()), clinician.getName(),
				this.clinicScope.sqlArray());
		return audited(sessionId, result, "SESSION_PRE_DOSE_RECORDED");
	}

	@PostMapping("/{sessionId}/prescriber-confirmation")
	@Transactional
	Gate confirm(@PathVariable UUID sessionId, Principal clinician) {
		scoped(sessionId);
		return audited(sessionId,
				this.recording.confirmPrescriber(sessionId, clinician.getName(), this.clinicScope.sqlArray()),
				"SESSION_PRESCRIBER_CONFIRMED");
	}

	@PostMapping("/{sessionId}/start")
	@Transactional
	Session start(@PathVariable UUID sessionId, Principal clinician) {
		scoped(sessionId);
		Session session = this.recording.start(sessionId, clinician.getName(), this.clinicScope.sqlArray());
		this.audit.recordChange(session.clinicId(), session.patientId(), "SESSION_STARTED", "session/" + sessionId);
		return session;
	}

	@PostMapping(path = "/{sessionId}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Transactional
	Session complete(@PathVariable UUID sessionId, @RequestBody RecordingSessions.Completion completion,
			Principal clinician) {
		scoped(sessionId);
		Session session = this.recording.complete(sessionId, completion, clinician.getName(),
				this.clinicScope.sqlArray());
		this.audit.recordChange(session.clinicId(), session.patientId(), "SESSION_COMPLETED", "session/" + sessionId);
		return session;
	}

	/**
	 * The session if it is of one of the caller's clinics; another clinic's answers
	 * exactly like an unknown one (ADR 12), so nothing is recorded for it.
	 */
	private void scoped(UUID sessionId) {
		this.sessions.find(sessionId, this.clinicScope.sqlArray())
			.orElseThrow(() -> new NotFoundException("No session " + sessionId));
	}

	private Gate audited(UUID sessionId, RecordingSessions.PreDoseResult result, String action) {
		Session session = this.sessions.find(sessionId, this.clinicScope.sqlArray())
			.orElseThrow(() -> new IllegalStateException("a recorded session is found"));
		this.audit.recordChange(session.clinicId(), session.patientId(), action, "session/" + sessionId);
		return new Gate(sessionId, result.gate(), result.prescriberConfirmedBy() != null,
				result.prescriberConfirmedBy(), result.escortConfirmed(), !result.concerns().isEmpty(),
				result.concerns(), result.startRefusals().isEmpty(), result.startRefusals());
	}

	/**
	 * The pre-dose check as recorded. Every safety answer is required; none defaults to
	 * "no".
	 *
	 * @param systolicBp systolic pressure, 60–350: any severe reading gets through to the
	 * gate (an urgent deferral that pages), never a 400
	 * @param diastolicBp diastolic pressure, 30–250
	 * @param heartRate heart rate
	 * @param spo2 oxygen saturation
	 * @param ageYears the patient's age today
	 * @param safety the suicide check since the last visit
	 * @param escortConfirmed an escort will take the patient home (required before
	 * dosing)
	 * @param confirmElevatedPressure the signed-in clinician confirms, as prescriber,
	 * going ahead with an elevated pressure
	 * @param prescriberConfirmedBy no longer accepted: a prescriber is the signed-in
	 * clinician, never a name typed in
	 */
	record PreDoseRequest(@NotNull @Min(60) @Max(350) Integer systolicBp,
			@NotNull @Min(30) @Max(250) Integer diastolicBp, @NotNull @Min(25) @Max(250) Integer heartRate,
			@Min(50) @Max(100) Integer spo2, @NotNull @Min(0) @Max(120) Integer ageYears, @NotNull @Valid Safety safety,
			@NotNull Boolean escortConfirmed, Boolean confirmElevatedPressure,
			@Null(message = "is not accepted: the signed-in clinician confirms (confirmElevatedPressure or"
					+ " /prescriber-confirmation)") String prescriberConfirmedBy) {
	}

	/**
	 * PHQ-9 item 9 and the C-SSRS screener, since the last visit.
	 *
	 * @param phq9Item9 0–3
	 * @param wishDead C-SSRS 1
	 * @param activeThoughts C-SSRS 2
	 * @param method C-SSRS 3
	 * @param intent C-SSRS 4
	 * @param planWithIntent C-SSRS 5
	 * @param behaviour C-SSRS 6
	 */
	record Safety(@NotNull @Min(0) @Max(3) Integer phq9Item9, @NotNull Boolean wishDead,
			@NotNull Boolean activeThoughts, @NotNull Boolean method, @NotNull Boolean intent,
			@NotNull Boolean planWithIntent, @NotNull Boolean behaviour) {
	}

	/**
	 * The pre-dose check's verdict.
	 *
	 * @param sessionId the session
	 * @param result CLEAR, PRESCRIBER_CONFIRMATION_REQUIRED, DEFERRED or URGENT_DEFERRAL
	 * @param confirmed whether a prescriber has confirmed an elevated reading
	 * @param prescriberConfirmedBy the signed-in clinician who confirmed, if any
	 * @param escortConfirmed whether an escort was confirmed before dosing
	 * @param held whether the dose is held by a positive safety check (the on-call
	 * clinician is paged)
	 * @param concerns the reason codes of that check
	 * @param canStart whether the session may start now
	 * @param startRefusals why not, in words
	 */
	record Gate(UUID sessionId, BloodPressureGate.Result result, boolean confirmed, String prescriberConfirmedBy,
			boolean escortConfirmed, boolean held, List<String> concerns, boolean canStart,
			List<String> startRefusals) {
	}

}
