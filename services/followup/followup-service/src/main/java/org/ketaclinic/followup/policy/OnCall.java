package org.ketaclinic.followup.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Picks who to page from the roster of the alert's clinic: for each role, the entries
 * whose window covers the moment, those of the alert's location first; if that location
 * has nobody in that role now (or the alert has no location), the clinic-wide ones; if
 * there are none either, anyone in that role on call now at any location, so that a
 * clinic keeping its roster per location still pages somebody for an alert without one.
 * Another clinic's people are never on the roster handed in: they do not know the
 * patient's clinic. A primary or backup is one person (the entry with the latest start,
 * then the newest); every clinician entry is paged.
 */
public final class OnCall {

	private OnCall() {
	}

	/**
	 * Who to page.
	 * @param roster every entry in force of the alert's clinic, newest first
	 * @param locationId the alert's location, or null (none: clinic-wide, then anyone)
	 * @param roles the roles of the level
	 * @param now the moment
	 * @return the entries to page, primary first
	 */
	public static List<Entry> toPage(List<Entry> roster, UUID locationId, Set<OnCallRole> roles, Instant now) {
		List<Entry> chosen = new ArrayList<>();
		for (OnCallRole role : OnCallRole.values()) {
			if (!roles.contains(role)) {
				continue;
			}
			List<Entry> covering = roster.stream()
				.filter((entry) -> entry.role() == role && entry.covers(now))
				.toList();
			List<Entry> here = (locationId != null)
					? covering.stream().filter((entry) -> locationId.equals(entry.locationId())).toList() : List.of();
			List<Entry> clinicWide = covering.stream().filter((entry) -> entry.locationId() == null).toList();
			List<Entry> candidates = !here.isEmpty() ? here : !clinicWide.isEmpty() ? clinicWide : covering;
			if (role == OnCallRole.CLINICIAN) {
				chosen.addAll(candidates);
			}
			else {
				candidates.stream()
					.sorted(Comparator.comparing(Entry::from, Comparator.nullsLast(Comparator.reverseOrder())))
					.findFirst()
					.ifPresent(chosen::add);
			}
		}
		return chosen.stream().filter(Objects::nonNull).distinct().toList();
	}

	/**
	 * One roster entry.
	 *
	 * @param id the entry
	 * @param clinicId its clinic: it pages about that clinic's alerts only
	 * @param locationId its location, null for clinic-wide
	 * @param role its role
	 * @param name who
	 * @param phone their mobile number, E.164
	 * @param from from when, null for always
	 * @param until until when (exclusive), null for always
	 */
	public record Entry(UUID id, String clinicId, UUID locationId, OnCallRole role, String name, String phone,
			Instant from, Instant until) {

		/** Whether the entry's window covers the moment. */
		public boolean covers(Instant now) {
			return (this.from == null || !now.isBefore(this.from)) && (this.until == null || now.isBefore(this.until));
		}

	}

}
