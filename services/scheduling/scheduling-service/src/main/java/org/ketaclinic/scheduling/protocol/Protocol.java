package org.ketaclinic.scheduling.protocol;

import java.time.Duration;

/**
 * How sessions of one protocol are scheduled.
 *
 * @param name {@code IV_KETAMINE} or {@code ESKETAMINE}
 * @param sessions sessions in an induction series
 * @param perWeekMin fewest sessions a week a proposal aims for
 * @param perWeekMax most sessions in any 7 days
 * @param targetDays a series should be complete within this many days of its first
 * session
 * @param maxDays hard cap on the length of a series
 * @param minInterval least time between the starts of two sessions
 * @param maxGap longest gap between two sessions of an induction series
 * @param block chair time of a session
 * @param prescriberOnSite whether a prescriber must be on site for the whole session
 */
public record Protocol(String name, int sessions, int perWeekMin, int perWeekMax, int targetDays, int maxDays,
		Duration minInterval, Duration maxGap, Duration block, boolean prescriberOnSite) {

	public Protocol {
		if (sessions < 1 || sessions > 12 || perWeekMin < 1 || perWeekMax < perWeekMin || targetDays < 1
				|| maxDays < targetDays || minInterval.isNegative() || maxGap.compareTo(minInterval) < 0
				|| block.toMinutes() < 15 || block.toHours() > 8) {
			throw new IllegalArgumentException("inconsistent protocol settings for " + name);
		}
	}

}
