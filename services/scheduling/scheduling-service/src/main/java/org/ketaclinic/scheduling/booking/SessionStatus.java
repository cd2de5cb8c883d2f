package org.ketaclinic.scheduling.booking;

import java.time.Clock;
import java.util.UUID;

import org.ketaclinic.platform.web.NotFoundException;

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

	public Session locked(UUID sessionId) {
		return this.sessions.lock(sessionId).orElseThrow(() -> new NotFoundException("No session " + sessionId));
	}

	public Session change(Session session, String status, String by, String reason) {
		this.sessions.changeStatus(session.id(), status, this.clock.instant(), by, reason);
		return this.sessions.find(session.id()).orElseThrow();
	}

}
