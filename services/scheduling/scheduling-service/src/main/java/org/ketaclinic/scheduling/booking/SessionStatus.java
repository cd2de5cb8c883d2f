package org.ketaclinic.scheduling.booking;

import java.time.Clock;
import java.util.UUID;

import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.clinic.Clinics;

import org.springframework.stereotype.Component;

/**
 * Locks sessions and changes their status with history, for the use cases outside
 * booking.
 */
@Component
public class SessionStatus {

	private final Sessions sessions;

	private final Clock clock;

	SessionStatus(Sessions sessions, Clock clock) {
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * A session of one of these clinics (the caller's), locked; another clinic's answers
	 * like an unknown one (ADR 12).
	 */
	public Session locked(UUID sessionId, String[] clinics) {
		return this.sessions.lock(sessionId, clinics)
			.orElseThrow(() -> new NotFoundException("No session " + sessionId));
	}

	public Session change(Session session, String status, String by, String reason) {
		this.sessions.changeStatus(session.id(), status, this.clock.instant(), by, reason);
		return this.sessions.find(session.id(), Clinics.only(session.clinicId())).orElseThrow();
	}

}
