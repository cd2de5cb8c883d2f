package org.ketaclinic.followup.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which of a patient's due messages go together: everything about their appointments
 * (confirmations, reminders with the preparation instructions) that is due now or within
 * the coalescing window goes in one message, so a patient who books a series is not sent
 * one text a session; every other message (a check-in link, a safety notice) goes on its
 * own. A message about an appointment no longer needed (the session was cancelled, the
 * reminder came too late) goes in none.
 */
public final class CoalescingAppointments {

	private CoalescingAppointments() {
	}

	/**
	 * The groups to send, each one message to the patient: the appointments' group first
	 * (when there is one), then each other message alone, in the order they were due.
	 * @param <M> the message
	 * @param due the patient's messages due now (none that goes at once)
	 * @param aboutAppointments whether a message is about an appointment
	 * @param stillNeeded whether an appointment's message is still worth sending (asked
	 * once a message; it may retire the message)
	 * @param dueSoon the patient's appointment messages due within the window, asked only
	 * when an appointment's message is due now
	 */
	public static <M> List<List<M>> groups(List<M> due, Predicate<M> aboutAppointments, Predicate<M> stillNeeded,
			Supplier<List<M>> dueSoon) {
		List<M> appointments = new ArrayList<>();
		List<List<M>> groups = new ArrayList<>();
		for (M message : due) {
			if (!aboutAppointments.test(message)) {
				groups.add(List.of(message));
			}
			else if (stillNeeded.test(message)) {
				appointments.add(message);
			}
		}
		if (!appointments.isEmpty()) {
			for (M soon : dueSoon.get()) {
				if (!appointments.contains(soon) && stillNeeded.test(soon)) {
					appointments.add(soon);
				}
			}
			groups.add(0, List.copyOf(appointments));
		}
		return groups;
	}

}
