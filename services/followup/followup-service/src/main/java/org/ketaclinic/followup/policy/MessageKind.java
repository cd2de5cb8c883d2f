package org.ketaclinic.followup.policy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** What a planned message is for. */
public enum MessageKind {

	/** Confirms a newly booked session. */
	BOOKING_CONFIRMATION,
	/** Confirms a session's new time. */
	RESCHEDULE_CONFIRMATION,
	/** Three days before: asks the patient to confirm, with preparation instructions. */
	REMINDER_72H,
	/** The day before. */
	REMINDER_24H,
	/** Two hours before. */
	REMINDER_2H,
	/** A link to a check-in questionnaire. */
	CHECK_IN,
	/** The one confirmation of an SMS opt-out. */
	OPT_OUT_CONFIRMATION,
	/** The confirmation of an SMS opt-in (START). */
	OPT_IN_CONFIRMATION,
	/** Answers a reply such as CANCEL that may mean two things. */
	REPLY_CLARIFICATION,
	/** Answers HELP. */
	REPLY_HELP,
	/** Answers a text with crisis words: where to get help now. */
	CRISIS_RESOURCES,
	/**
	 * Pages a clinician on call about an urgent alert (to the clinician's number, naming
	 * no patient).
	 */
	PAGE;

	/** Messages about appointments, which one message may carry together. */
	public boolean isAboutAppointments() {
		return this == BOOKING_CONFIRMATION || this == RESCHEDULE_CONFIRMATION || isReminder();
	}

	/** Reminders before a session, pointless once the session has started. */
	public boolean isReminder() {
		return this == REMINDER_72H || this == REMINDER_24H || this == REMINDER_2H;
	}

	/**
	 * Direct answers to a patient's text: sent at once by SMS to the number that wrote,
	 * outside quiet hours and the budget, as the carriers' rules require.
	 */
	public boolean isReply() {
		return this == OPT_OUT_CONFIRMATION || this == OPT_IN_CONFIRMATION || this == REPLY_CLARIFICATION
				|| this == REPLY_HELP || this == CRISIS_RESOURCES;
	}

	/** The names of the kinds that {@linkplain #goesAtOnce() go at once}. */
	public static List<String> namesGoingAtOnce() {
		return names(MessageKind::goesAtOnce);
	}

	/** The names of the kinds a property holds for, as the database stores them. */
	public static List<String> names(Predicate<MessageKind> which) {
		return Arrays.stream(values()).filter(which).map(MessageKind::name).toList();
	}

	/**
	 * Sent at once by SMS to the number on the message (a reply's sender, a page's
	 * clinician), never held by quiet hours or the SMS budget, and never by another
	 * channel.
	 */
	public boolean goesAtOnce() {
		return isReply() || this == PAGE;
	}

	/**
	 * Held by the patient's SMS budget. A check-in link carries the safety questions, so
	 * the budget never delays it (quiet hours still do); it still counts towards the
	 * budget.
	 */
	public boolean heldBySmsBudget() {
		return !goesAtOnce() && this != CHECK_IN;
	}

}
