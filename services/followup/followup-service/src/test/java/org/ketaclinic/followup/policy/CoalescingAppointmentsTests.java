package org.ketaclinic.followup.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a patient receives as one message, and what on its own. */
class CoalescingAppointmentsTests {

	/**
	 * A message: its name says what it is about ("booking-…", "reminder-…" are
	 * appointments).
	 */
	private static final Predicate<String> ABOUT_APPOINTMENTS = (message) -> message.startsWith("booking")
			|| message.startsWith("reminder");

	private final List<String> askedForLater = new ArrayList<>();

	@Test
	void aSeriesBookedAtOnceIsConfirmedInOneMessageWithTheRemindersDueSoon() {
		List<List<String>> groups = CoalescingAppointments.groups(List.of("booking-1", "booking-2", "booking-3"),
				ABOUT_APPOINTMENTS, (message) -> true, soon("reminder-1"));

		assertThat(groups).containsExactly(List.of("booking-1", "booking-2", "booking-3", "reminder-1"));
	}

	@Test
	void everyOtherMessageGoesOnItsOwnAfterTheAppointmentsInTheOrderDue() {
		List<List<String>> groups = CoalescingAppointments.groups(
				List.of("checkin-link", "reminder-2", "safety-notice", "booking-4"), ABOUT_APPOINTMENTS,
				(message) -> true, soon());

		assertThat(groups).containsExactly(List.of("reminder-2", "booking-4"), List.of("checkin-link"),
				List.of("safety-notice"));
	}

	@Test
	void withoutAnAppointmentDueNowNothingIsPulledForwardAndTheWindowIsNotAskedFor() {
		List<List<String>> groups = CoalescingAppointments.groups(List.of("checkin-link"), ABOUT_APPOINTMENTS,
				(message) -> true, soon("reminder-1"));

		assertThat(groups).containsExactly(List.of("checkin-link"));
		assertThat(this.askedForLater).as("no query for messages due soon").isEmpty();
	}

	@Test
	void aMessageAboutACancelledSessionGoesInNoGroupEvenWhenDueSoon() {
		Set<String> cancelled = Set.of("reminder-1", "reminder-3");
		List<List<String>> groups = CoalescingAppointments.groups(List.of("reminder-1", "booking-2"),
				ABOUT_APPOINTMENTS, (message) -> !cancelled.contains(message), soon("reminder-3", "reminder-4"));

		assertThat(groups).containsExactly(List.of("booking-2", "reminder-4"));
	}

	@Test
	void whenEveryAppointmentMessageDueIsRetiredThereIsNoAppointmentGroup() {
		List<List<String>> groups = CoalescingAppointments.groups(List.of("reminder-1", "checkin-link"),
				ABOUT_APPOINTMENTS, (message) -> !message.equals("reminder-1"), soon("reminder-2"));

		assertThat(groups).containsExactly(List.of("checkin-link"));
		assertThat(this.askedForLater).isEmpty();
	}

	@Test
	void aMessageDueNowAndInTheWindowIsSentOnce() {
		List<List<String>> groups = CoalescingAppointments.groups(List.of("reminder-1"), ABOUT_APPOINTMENTS,
				(message) -> true, soon("reminder-1", "reminder-2"));

		assertThat(groups).containsExactly(List.of("reminder-1", "reminder-2"));
	}

	private Supplier<List<String>> soon(String... messages) {
		return () -> {
			this.askedForLater.add("asked");
			return List.of(messages);
		};
	}

}
