package org.ketaclinic.followup.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.followup.message.Message;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.policy.ChoosingChannel;
import org.ketaclinic.followup.policy.SmsBudget;

/**
 * The channel a delivery goes by ({@link ChoosingChannel}), the patient's SMS budget
 * counted from their deliveries.
 */
class ChannelChoice {

	private final Deliveries deliveries;

	private final SmsBudget budget;

	ChannelChoice(Deliveries deliveries, SmsBudget budget) {
		this.deliveries = deliveries;
		this.budget = budget;
	}

	/**
	 * Whether the SMS budget may hold these messages: a check-in link (it carries the
	 * safety questions) never waits for it.
	 */
	static boolean heldByBudget(List<Message> group) {
		return group.stream().allMatch((message) -> message.kind().heldBySmsBudget());
	}

	/**
	 * The patient's preferred usable channel not yet tried within the SMS budget; for
	 * messages the budget may not hold (check-in links), the preferred usable channel
	 * regardless of it when none is within it. So a check-in over today's text budget
	 * still goes by email where the patient has one, and by text at once where not: never
	 * later.
	 */
	String channelFor(Patient patient, ZoneId zone, Instant now, List<String> tried, boolean budgeted) {
		return ChoosingChannel.channelFor(List.of(patient.channelsByPreference()), patient::canUse, tried, budgeted,
				() -> smsBudgetAllows(patient.id(), zone, now));
	}

	private boolean smsBudgetAllows(UUID patientId, ZoneId zone, Instant now) {
		LocalDate today = now.atZone(zone).toLocalDate();
		return this.budget.allowsAnother(this.deliveries.smsDeliveries(patientId, today, today),
				this.deliveries.smsDeliveries(patientId, today.minusDays(6), today));
	}

}
