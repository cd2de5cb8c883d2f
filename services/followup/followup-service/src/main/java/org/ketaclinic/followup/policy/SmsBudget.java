package org.ketaclinic.followup.policy;

/**
 * How many text messages a patient may get: at most {@code perDay} on one local calendar
 * day and {@code perWeek} in the last seven local days (defaults 1 and 3). Replies to the
 * patient's own texts do not count.
 *
 * @param perDay the daily limit
 * @param perWeek the weekly limit
 */
public record SmsBudget(int perDay, int perWeek) {

	public SmsBudget {
		if (perDay < 1 || perWeek < perDay) {
			throw new IllegalArgumentException("the SMS budget needs perDay >= 1 and perWeek >= perDay");
		}
	}

	/** Whether one more may go, given those already sent today and in the last 7 days. */
	public boolean allowsAnother(int sentToday, int sentInLast7Days) {
		return sentToday < this.perDay && sentInLast7Days < this.perWeek;
	}

}
