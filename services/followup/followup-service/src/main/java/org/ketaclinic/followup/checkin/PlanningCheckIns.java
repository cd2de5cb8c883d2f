package org.ketaclinic.followup.checkin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.message.Messages;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.CheckInCadence;
import org.ketaclinic.followup.policy.CheckInKind;
import org.ketaclinic.followup.session.Session;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.platform.security.InCallersClinics;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.events.SessionCompleted;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans check-ins: on the cadence when sessions are completed, or at once when a
 * clinician asks for one.
 */
@Service
public class PlanningCheckIns {

	private final CheckIns checkIns;

	private final Sessions sessions;

	private final Patients patients;

	private final Messages messages;

	private final PlanningMessages planning;

	private final CheckInCadence cadence;

	private final Clock clock;

	PlanningCheckIns(CheckIns checkIns, Sessions sessions, Patients patients, Messages messages,
			PlanningMessages planning, FollowupProperties properties, Clock clock) {
		this.checkIns = checkIns;
		this.sessions = sessions;
		this.patients = patients;
		this.messages = messages;
		this.planning = planning;
		this.cadence = properties.checkIns().cadence();
		this.clock = clock;
	}

	/**
	 * A session was completed: the check-ins it starts. The series' last session ends the
	 * weekly induction check-ins and starts the post-series ones; a booster opens a new
	 * relapse episode. Nothing changes if follow-up already holds a newer version of the
	 * session (issue 19).
	 * @return whether it was applied
	 */
	@Transactional
	public boolean sessionCompleted(SessionCompleted completed) {
		if (!this.sessions.claim(completed.sessionId().value(), completed.sessionVersion())) {
			return false;
		}
		this.sessions.completed(completed.sessionId().value(), completed.completedAt(), completed.lastOfSeries());
		Optional<Session> session = this.sessions.find(completed.sessionId().value());
		String planKind = this.sessions.planKind(completed.planId().value());
		ZoneId clinicZone = session.map(Session::clinicZone).orElse(ZoneId.of("UTC"));
		ZoneId zone = this.patients.find(completed.patientId().value())
			.map((patient) -> patient.zoneOr(clinicZone))
			.orElse(clinicZone);
		Instant sessionTime = session.map(Session::startsAt).orElse(completed.dischargedAt());
		if (completed.lastOfSeries() && !"BOOSTER".equals(planKind)) {
			Instant now = this.clock.instant();
			this.checkIns.cancelPlanned(completed.patientId().value(), CheckInKind.INDUCTION_WEEKLY)
				.forEach((checkInId) -> this.messages.cancelForCheckIn(checkInId, "SERIES_COMPLETED", now));
		}
		if ("BOOSTER".equals(planKind)) {
			this.patients.relapseReported(completed.patientId().value(), null);
		}
		for (CheckInCadence.Planned planned : this.cadence.afterSession(planKind, completed.sequence(),
				completed.lastOfSeries(), sessionTime.atZone(zone).toLocalDate(), zone)) {
			String origin = planned.kind() + ":" + completed.sessionId() + ":" + planned.day();
			this.checkIns
				.create(completed.patientId().value(), planned.kind(), planned.day(), origin, planned.at(), null)
				.ifPresent((checkInId) -> this.planning.checkInLink(completed.patientId().value(), checkInId,
						planned.at()));
		}
		return true;
	}

	/** A clinician asks for a check-in now, outside the cadence. */
	@Transactional
	@InCallersClinics
	public UUID extra(UUID patientId, String requestedBy) {
		Patient patient = this.patients.findInScope(patientId)
			.orElseThrow(() -> new NotFoundException("Follow-up has no contact details for patient " + patientId));
		Instant now = this.clock.instant();
		UUID checkInId = this.checkIns
			.create(patient.id(), CheckInKind.EXTRA, null, "EXTRA:" + UUID.randomUUID(), now, requestedBy)
			.orElseThrow();
		this.planning.checkInLink(patient.id(), checkInId, now);
		return checkInId;
	}

}
