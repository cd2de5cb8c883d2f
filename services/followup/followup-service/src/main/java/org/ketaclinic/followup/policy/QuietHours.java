package org.ketaclinic.followup.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours in the patient's own time zone when the platform may message them (default
 * 08:00–21:00). Computed on the local wall clock, so a DST change moves the instants, not
 * the local times.
 *
 * @param start the first allowed local time
 * @param end the first local time no longer allowed
 */
public record QuietHours(LocalTime start, LocalTime end) {

	public QuietHours {
		if (start == null || end == null || !start.isBefore(end)) {
			throw new IllegalArgumentException("quiet hours need a sending window that starts before it ends");
		}
	}

	/** Whether a message may go out at this instant. */
	public boolean allows(Instant at, ZoneId zone) {
		LocalTime local = at.atZone(zone).toLocalTime();
		return !local.isBefore(this.start) && local.isBefore(this.end);
	}

	/** The instant itself if allowed, else the next start of the sending window. */
	public Instant nextAllowed(Instant at, ZoneId zone) {
		if (allows(at, zone)) {
			return at;
		}
		ZonedDateTime local = at.atZone(zone);
		LocalDate day = local.toLocalTime().isBefore(this.start) ? local.toLocalDate()
				: local.toLocalDate().plusDays(1);
		return ZonedDateTime.of(day, this.start, zone).toInstant();
	}

	/** The start of the sending window on the local day after this instant's. */
	public Instant startOfNextDay(Instant at, ZoneId zone) {
		return ZonedDateTime.of(at.atZone(zone).toLocalDate().plusDays(1), this.start, zone).toInstant();
	}

}
