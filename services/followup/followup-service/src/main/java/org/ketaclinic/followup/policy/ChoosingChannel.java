package org.ketaclinic.followup.policy;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Which channel a message goes by: the patient's preferred channel that they allow, that
 * has an address and that this delivery has not tried yet, and for SMS only within the
 * patient's text budget. Messages the budget may not hold (a check-in link carries the
 * safety questions) take the preferred usable channel regardless of the budget when none
 * is within it: so a check-in over today's text budget still goes by email where the
 * patient has one, and by text at once where not, never later.
 */
public final class ChoosingChannel {

	private ChoosingChannel() {
	}

	/**
	 * The channel, or null when none is left.
	 * @param byPreference the patient's channels, preferred first
	 * @param usable whether the patient allows a channel and has an address for it
	 * @param tried the channels this delivery was tried on already
	 * @param heldByBudget whether the SMS budget may hold these messages
	 * @param smsBudgetAllows whether the budget allows one more text now (asked only when
	 * it matters)
	 */
	public static String channelFor(List<String> byPreference, Predicate<String> usable, List<String> tried,
			boolean heldByBudget, BooleanSupplier smsBudgetAllows) {
		String withinBudget = firstUsable(byPreference, usable, tried, smsBudgetAllows);
		return (withinBudget != null || heldByBudget) ? withinBudget
				: firstUsable(byPreference, usable, tried, () -> true);
	}

	private static String firstUsable(List<String> byPreference, Predicate<String> usable, List<String> tried,
			BooleanSupplier smsBudgetAllows) {
		for (String channel : byPreference) {
			if (usable.test(channel) && !tried.contains(channel)
					&& (!"SMS".equals(channel) || smsBudgetAllows.getAsBoolean())) {
				return channel;
			}
		}
		return null;
	}

}
