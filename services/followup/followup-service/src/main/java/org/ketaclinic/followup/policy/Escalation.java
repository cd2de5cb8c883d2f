package org.ketaclinic.followup.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who an urgent alert pages, level by level, until a clinician acknowledges it: level 1
 * the primary on call, at once; level 2 the backup, after {@code after}; level 3 every
 * clinician on the roster and the primary and backup again, after another {@code after}.
 * Level 3 is the last.
 *
 * @param after how long a level may go unacknowledged
 */
public record Escalation(Duration after) {

	/** The highest level. */
	public static final int LAST_LEVEL = 3;

	public Escalation {
		// short periods are for drills and tests; longer than a day would not be paging
		if (after == null || after.compareTo(Duration.ofSeconds(1)) < 0 || after.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException("the escalation period must be between 1 second and 1 day");
		}
	}

	/** The roles a level pages. */
	public Set<OnCallRole> rolesAt(int level) {
		return switch (level) {
			case 1 -> Set.of(OnCallRole.PRIMARY);
			case 2 -> Set.of(OnCallRole.BACKUP);
			case LAST_LEVEL -> Set.of(OnCallRole.PRIMARY, OnCallRole.BACKUP, OnCallRole.CLINICIAN);
			default -> throw new IllegalArgumentException("no paging level " + level);
		};
	}

	/** When the level after this one is due, if there is one. */
	public Optional<Instant> nextAfter(int level, Instant pagedAt) {
		return (level < LAST_LEVEL) ? Optional.of(pagedAt.plus(this.after)) : Optional.empty();
	}

}
