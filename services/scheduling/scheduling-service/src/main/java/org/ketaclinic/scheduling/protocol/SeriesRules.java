package org.ketaclinic.scheduling.protocol;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The spacing rules of a series: at least the minimum interval between starts, no gap
 * longer than the maximum, no more than the weekly maximum in any 7 days, the whole
 * series within the hard cap, and no more sessions than planned.
 */
public final class SeriesRules {

	private SeriesRules() {
	}

	/**
	 * Checks the starts of a plan's sessions (booked and new together).
	 * @param starts every start, in any order
	 * @param protocol the protocol
	 * @param planned sessions the plan holds
	 * @param zone the clinic's time zone: weeks are counted in its calendar days
	 * @return what is wrong, in words for the front desk; empty when the series is fine
	 */
	public static List<String> violations(List<Instant> starts, Protocol protocol, int planned, ZoneId zone) {
		List<String> problems = new ArrayList<>();
		List<Instant> sorted = starts.stream().sorted().toList();
		if (sorted.size() > planned) {
			problems.add("the plan holds " + planned + " sessions, not " + sorted.size());
		}
		for (int i = 1; i < sorted.size(); i++) {
			Duration gap = Duration.between(sorted.get(i - 1), sorted.get(i));
			if (gap.compareTo(protocol.minInterval()) < 0) {
				problems.add("sessions " + i + " and " + (i + 1) + " are less than " + protocol.minInterval().toHours()
						+ " hours apart");
			}
		}
		for (int i = 0; i < sorted.size(); i++) {
			LocalDate from = LocalDate.ofInstant(sorted.get(i), zone);
			LocalDate until = from.plusDays(7);
			long inWindow = sorted.stream()
				.map((s) -> LocalDate.ofInstant(s, zone))
				.filter((d) -> !d.isBefore(from) && d.isBefore(until))
				.count();
			if (inWindow > protocol.perWeekMax()) {
				problems.add("more than " + protocol.perWeekMax() + " sessions within 7 days");
				break;
			}
		}
		if (sorted.size() > 1 && Duration.between(sorted.get(0), sorted.get(sorted.size() - 1))
			.compareTo(Duration.ofDays(protocol.maxDays())) > 0) {
			problems.add("the series runs longer than " + protocol.maxDays() + " days");
		}
		return problems;
	}

	/**
	 * What is wrong with placing sessions in a series: the series rules
	 * ({@link #violations}) plus gaps longer than the protocol allows next to the placed
	 * sessions ({@link #gapsAround}). Booking and rescheduling both ask this.
	 * @param all every start of the series, the placed ones included
	 * @param placed the starts being booked or moved
	 */
	public static List<String> placementViolations(List<Instant> all, List<Instant> placed, Protocol protocol,
			int planned, ZoneId zone) {
		List<String> problems = new ArrayList<>(violations(all, protocol, planned, zone));
		problems.addAll(gapsAround(all, placed, protocol));
		return problems;
	}

	/**
	 * Gaps longer than the protocol allows next to newly placed sessions: the front desk
	 * books within the protocol, while gaps left by cancellations are flagged for a
	 * clinician instead ({@link #reviewFlags}).
	 * @param all every start of the series, new ones included
	 * @param added the starts being booked or moved
	 * @param protocol the protocol
	 * @return the offending gaps, in words; empty when there are none
	 */
	public static List<String> gapsAround(List<Instant> all, List<Instant> added, Protocol protocol) {
		List<String> problems = new ArrayList<>();
		List<Instant> sorted = all.stream().sorted().toList();
		for (int i = 1; i < sorted.size(); i++) {
			boolean touchesNew = added.contains(sorted.get(i - 1)) || added.contains(sorted.get(i));
			if (touchesNew && Duration.between(sorted.get(i - 1), sorted.get(i)).compareTo(protocol.maxGap()) > 0) {
				problems.add("sessions " + i + " and " + (i + 1) + " are more than " + protocol.maxGap().toDays()
						+ " days apart");
			}
		}
		return problems;
	}

	/**
	 * What a clinician should review in a series: gaps longer than the protocol's
	 * maximum.
	 * @param starts every start, in any order
	 * @param protocol the protocol
	 * @return the gaps found, in words; empty when there are none
	 */
	public static List<String> reviewFlags(List<Instant> starts, Protocol protocol) {
		List<String> flags = new ArrayList<>();
		List<Instant> sorted = starts.stream().sorted().toList();
		for (int i = 1; i < sorted.size(); i++) {
			if (Duration.between(sorted.get(i - 1), sorted.get(i)).compareTo(protocol.maxGap()) > 0) {
				flags.add("sessions " + i + " and " + (i + 1) + " are more than " + protocol.maxGap().toDays()
						+ " days apart: a clinician decides whether to continue or restart the series");
			}
		}
		return flags;
	}

}
