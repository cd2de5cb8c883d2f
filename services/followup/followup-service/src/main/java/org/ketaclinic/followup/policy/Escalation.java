package org.ketaclinic.followup.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Who an urgent alert pages, level by level, until a clinician acknowledges it: level 1
 * the primary on call, at once; level 2 the backup, after {@code after}; level 3 every
 * clinician on the roster and the primary and backup again, after another {@code after};
 * and from then on everyone again every {@code after} (levels 4, 5, ...) until somebody
 * acknowledges: paging never stalls.
 *
 * @param after how long a level may go unacknowledged
 */
public record Escalation(Duration after) {

	/** The level that pages everyone; every later level pages everyone again. */
	public static final int LAST_LEVEL = 3;

	public Escalation {
		// short periods are for drills and tests; longer than a day would not be paging
		if (after == null || after.compareTo(Duration.ofSeconds(1)) < 0 || after.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException("the escalation period must be between 1 second and 1 day");
		}
	}

	/** The roles a level pages. */
	public Set<OnCallRole> rolesAt(int level) {
		if (level < 1) {
			throw new IllegalArgumentException("no paging level " + level);
		}
		return switch (level) {
			case 1 -> Set.of(OnCallRole.PRIMARY);
			case 2 -> Set.of(OnCallRole.BACKUP);
			default -> Set.of(OnCallRole.PRIMARY, OnCallRole.BACKUP, OnCallRole.CLINICIAN);
		};
	}

	/**
	 * When the level after this one is due: always, until the alert is acknowledged.
	 */
	public Instant nextAfter(int level, Instant pagedAt) {
		return pagedAt.plus(this.after);
	}

}
