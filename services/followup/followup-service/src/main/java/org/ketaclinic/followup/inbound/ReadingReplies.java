package org.ketaclinic.followup.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.alert.Alerts;
import org.ketaclinic.followup.alert.StaffTasks;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.CrisisWords;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.followup.policy.Replies;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.platform.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acts on a patient's text. Crisis words (configurable, whole words, any case) raise an
 * urgent alert that pages the on-call clinician and text crisis resources back at once,
 * beside whatever else the text means (the crisis resources at most once an hour per
 * number, so a reply echoed back cannot start a loop). STOP and its synonyms opt the
 * number out at once, with one confirmation (a second STOP gets none); CANCEL is answered
 * with a question, never taken as an opt-out; START opts back in; YES confirms the next
 * appointment; anything else becomes a front-desk task. A text with crisis words from a
 * number no patient has gets the crisis resources texted back and an urgent task to call
 * that number; any other text from such a number is ignored.
 */
@Service
public class ReadingReplies {

	private static final Logger log = LoggerFactory.getLogger(ReadingReplies.class);

	private final Patients patients;

	private final Sessions sessions;

	private final PlanningMessages planning;

	private final StaffTasks tasks;

	private final Alerts alerts;

	private final CrisisWords crisisWords;

	private final Clock clock;

	private final WebhookReceipts receipts;

	private final AuditLog audit;

	ReadingReplies(Patients patients, Sessions sessions, PlanningMessages planning, StaffTasks tasks, Alerts alerts,
			FollowupProperties properties, Clock clock, WebhookReceipts receipts, AuditLog audit) {
		this.audit = audit;
		this.patients = patients;
		this.alerts = alerts;
		this.crisisWords = properties.crisisWordList();
		this.sessions = sessions;
		this.planning = planning;
		this.tasks = tasks;
		this.clock = clock;
		this.receipts = receipts;
	}

	/**
	 * Reads a reply the provider's webhook delivered, once: the message id is recorded in
	 * the same transaction, so a replayed call changes nothing and a call that failed is
	 * read when the provider retries it.
	 * @param from the number that wrote
	 * @param body what it wrote
	 * @param messageId the provider's id of the message, signed with the call
	 * @param receivedAt when the call came (the wall clock)
	 * @return whether the reply was read (false: a replay, already read)
	 */
	@Transactional
	public boolean readOnce(String from, String body, String messageId, Instant receivedAt) {
		if (!this.receipts.firstTime(messageId, receivedAt)) {
			log.info("A webhook call for a message already read was ignored");
			return false;
		}
		read(from, body, messageId);
		return true;
	}

	/**
	 * Reads one reply.
	 * @param from the number that wrote
	 * @param body what it wrote
	 * @param providerKey a key unique to this reply, so a redelivered webhook acts once
	 * @return what the reply was read as
	 */
	@Transactional
	public Replies.Intent read(String from, String body, String providerKey) {
		Replies.Intent intent = Replies.read(body);
		List<Patient> senders = this.patients.withPhone(from);
		List<String> crisis = this.crisisWords.in(body);
		if (senders.isEmpty()) {
			if (!crisis.isEmpty()) {
				// nobody to raise an alert about, but a person in danger: the crisis
				// resources go back at once (no patient, so no quiet hours or budget),
				// and the clinic is told to call the number. The text itself is not kept.
				boolean replied = this.planning.crisisReply(null, from);
				this.tasks.openUrgent(null, "CALL_NUMBER",
						"Call " + from + " now: a text with crisis words (\"" + String.join("\", \"", crisis)
								+ "\") came from this number, which no patient has. "
								+ (replied ? "The crisis resources were texted back."
										: "The crisis resources were texted to it within the past hour."),
						"CRISIS_FROM_UNKNOWN:" + providerKey);
				log.warn("A text with crisis words came from a number no patient has: crisis resources sent back,"
						+ " urgent task opened");
				return intent;
			}
			log.info("A reply from a number no patient has was ignored");
			return intent;
		}
		Patient patient = senders.get(0);
		Instant now = this.clock.instant();
		// a patient's text is patient data written: audited with what it was read as,
		// never with its words
		for (Patient sender : senders) {
			this.audit.recordChange(sender.clinicId(), sender.id(), "SMS_REPLY_READ",
					"sms-reply/" + providerKey + " " + intent + (crisis.isEmpty() ? "" : " CRISIS_WORDS"));
		}
		if (!crisis.isEmpty()) {
			// a person now, whatever else the text says: an urgent alert pages the
			// clinician
			// on call, and the patient gets where to find help at once
			this.alerts.raise(patient.id(), null, "URGENT", "SMS_REPLY", null,
					"Urgent: text reply with crisis words (\"" + String.join("\", \"", crisis) + "\")",
					List.of("CRISIS_WORDS"), "SMS_REPLY:" + providerKey);
			this.planning.crisisReply(patient.id(), from);
		}
		switch (intent) {
			case OPT_OUT -> {
				if (this.patients.optOut(from, now) > 0) {
					this.planning.reply(patient.id(), from, MessageKind.OPT_OUT_CONFIRMATION);
				}
			}
			case OPT_IN -> {
				if (this.patients.optIn(from) > 0) {
					this.planning.reply(patient.id(), from, MessageKind.OPT_IN_CONFIRMATION);
				}
			}
			case CANCEL_UNCLEAR -> this.planning.reply(patient.id(), from, MessageKind.REPLY_CLARIFICATION);
			case HELP -> this.planning.reply(patient.id(), from, MessageKind.REPLY_HELP);
			case CONFIRM ->
				senders.forEach((sender) -> this.sessions.confirmNext(sender.id(), now, now.plus(Duration.ofDays(4))));
			case OTHER -> this.tasks.open(patient.id(), "READ_REPLY",
					"The patient texted: " + ((body.length() > 500) ? body.substring(0, 500) + "…" : body),
					"REPLY:" + providerKey);
		}
		return intent;
	}

}
