package org.ketaclinic.scheduling.clinic;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One location on one local day: when it is open, who works when, and which sessions
 * already hold chairs. Decides, in plain Java, whether a session fits.
 *
 * @param locationId the location
 * @param zone its time zone
 * @param date the local date
 * @param opens opening time, or null when closed that day
 * @param closes closing time
 * @param chairs the active chairs
 * @param nurses the nurses' working windows
 * @param prescribers the prescribers' working windows
 * @param sessions sessions already holding chairs that day
 */
public record ClinicDay(UUID locationId, ZoneId zone, LocalDate date, LocalTime opens, LocalTime closes,
		List<UUID> chairs, List<Window> nurses, List<Window> prescribers, List<Occupied> sessions) {

	/**
	 * Why a session does not fit, or empty when it does.
	 * @param chairId the chair
	 * @param start the local start
	 * @param block the chair time
	 * @param chairsPerNurse how many occupied chairs one nurse can monitor
	 * @param prescriberOnSite whether a prescriber must be on site
	 */
	public Optional<String> whyNot(UUID chairId, LocalTime start, Duration block, int chairsPerNurse,
			boolean prescriberOnSite) {
		if (this.opens == null) {
			return Optional.of("the clinic is closed on " + this.date);
		}
		if (!this.chairs.contains(chairId)) {
			return Optional.of("chair " + chairId + " is not an active chair of this location");
		}
		LocalTime end = start.plus(block);
		if (start.isBefore(this.opens) || end.isAfter(this.closes) || end.isBefore(start)) {
			return Optional.of("outside opening hours " + this.opens + "-" + this.closes + " on " + this.date);
		}
		ZonedDateTime from = ZonedDateTime.of(this.date, start, this.zone);
		ZonedDateTime to = from.plus(block);
		for (Occupied session : this.sessions) {
			if (session.chairId().equals(chairId) && session.overlaps(from, to)) {
				return Optional.of("chair " + chairId + " is already booked at " + session.from().toLocalTime());
			}
		}
		long nursesOnDuty = this.nurses.stream().filter((w) -> w.covers(start, end)).count();
		if (nursesOnDuty == 0) {
			return Optional.of("no nurse works " + start + "-" + end + " on " + this.date);
		}
		// the most chairs occupied at any moment of the new session, counting it
		int peak = 1;
		for (Occupied session : this.sessions) {
			if (session.overlaps(from, to)) {
				ZonedDateTime at = session.from().isAfter(from) ? session.from() : from;
				int concurrent = 1 + (int) this.sessions.stream().filter((other) -> other.covers(at)).count();
				peak = Math.max(peak, concurrent);
			}
		}
		if (peak > nursesOnDuty * chairsPerNurse) {
			return Optional.of("not enough nurses: " + nursesOnDuty + " on duty can monitor "
					+ nursesOnDuty * chairsPerNurse + " chairs at once");
		}
		if (prescriberOnSite && this.prescribers.stream().noneMatch((w) -> w.covers(start, end))) {
			return Optional.of("no prescriber on site " + start + "-" + end + " on " + this.date);
		}
		return Optional.empty();
	}

	/** This day without one session (the one being moved). */
	public ClinicDay without(UUID sessionId) {
		return new ClinicDay(this.locationId, this.zone, this.date, this.opens, this.closes, this.chairs, this.nurses,
				this.prescribers,
				this.sessions.stream().filter((session) -> !sessionId.equals(session.sessionId())).toList());
	}

	/** This day with one more session holding a chair. */
	public ClinicDay with(Occupied session) {
		List<Occupied> more = new ArrayList<>(this.sessions);
		more.add(session);
		return new ClinicDay(this.locationId, this.zone, this.date, this.opens, this.closes, this.chairs, this.nurses,
				this.prescribers, more);
	}

	/**
	 * A working window.
	 *
	 * @param starts local start
	 * @param ends local end
	 */
	public record Window(LocalTime starts, LocalTime ends) {

		boolean covers(LocalTime from, LocalTime to) {
			return !from.isBefore(this.starts) && !to.isAfter(this.ends);
		}

	}

	/**
	 * A session holding a chair.
	 *
	 * @param sessionId the session, or null for one being planned
	 * @param chairId the chair
	 * @param from start
	 * @param to end
	 */
	public record Occupied(UUID sessionId, UUID chairId, ZonedDateTime from, ZonedDateTime to) {

		public Occupied(UUID chairId, ZonedDateTime from, ZonedDateTime to) {
			this(null, chairId, from, to);
		}

		boolean overlaps(ZonedDateTime start, ZonedDateTime end) {
			return this.from.isBefore(end) && start.isBefore(this.to);
		}

		boolean covers(ZonedDateTime at) {
			return !at.isBefore(this.from) && at.isBefore(this.to);
		}

	}

}
