package org.ketaclinic.followup.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When the reminders of a session go out. An offset of whole days (72 h, 24 h) is counted
 * on the patient's wall clock, so a reminder for a 09:00 appointment comes at 09:00 even
 * across a DST change; shorter offsets (2 h) are exact. A reminder whose moment had
 * passed when the session was booked is skipped.
 *
 * @param offsets how long before the start each reminder goes out
 */
public record ReminderSchedule(Map<MessageKind, Duration> offsets) {

	public ReminderSchedule {
		offsets = Map.copyOf(offsets);
		offsets.forEach((kind, before) -> {
			if (!kind.isReminder() || before.isNegative() || before.isZero()) {
				throw new IllegalArgumentException("reminder offsets must be positive, for reminder kinds only");
			}
		});
	}

	/** The clinic defaults: 72 h, 24 h and 2 h before. */
	public static ReminderSchedule defaults() {
		return new ReminderSchedule(Map.of(MessageKind.REMINDER_72H, Duration.ofHours(72), MessageKind.REMINDER_24H,
				Duration.ofHours(24), MessageKind.REMINDER_2H, Duration.ofHours(2)));
	}

	/**
	 * The reminders due for a session.
	 * @param startsAt the start, in the patient's time zone
	 * @param bookedAt when it was booked (or moved)
	 * @return the reminders still ahead, earliest first
	 */
	public List<Planned> plan(ZonedDateTime startsAt, Instant bookedAt) {
		List<Planned> planned = new ArrayList<>();
		this.offsets.forEach((kind, before) -> {
			Instant at = before(startsAt, before);
			if (at.isAfter(bookedAt)) {
				planned.add(new Planned(kind, at));
			}
		});
		planned.sort((a, b) -> a.at().compareTo(b.at()));
		return planned;
	}

	static Instant before(ZonedDateTime startsAt, Duration before) {
		if (before.toSeconds() % Duration.ofDays(1).toSeconds() == 0) {
			return startsAt.minusDays(before.toDays()).toInstant();
		}
		return startsAt.toInstant().minus(before);
	}

	/**
	 * A reminder to plan.
	 *
	 * @param kind which
	 * @param at when
	 */
	public record Planned(MessageKind kind, Instant at) {
	}

}
