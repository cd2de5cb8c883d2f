package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.delivery.Deliveries.Claim;
import org.ketaclinic.followup.message.Message;
import org.ketaclinic.followup.message.Messages;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.CoalescingAppointments;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.followup.policy.QuietHours;
import org.ketaclinic.followup.session.Session;
import org.ketaclinic.followup.session.Sessions;

/**
 * What a dispatch pass takes on, in one short transaction: due messages (pages and
 * replies first), grouped per patient into new deliveries by the channel the patient
 * allows and within quiet hours and the SMS budget (appointment messages due soon in the
 * same text), and deliveries due for another attempt or whose holder's lease ran out.
 * Messages that cannot go now are moved on (the morning, tomorrow's budget), skipped or
 * cancelled.
 */
class Claiming {

	/** The kinds that go at once, whatever the hour and the budget. */
	private static final List<String> AT_ONCE = MessageKind.namesGoingAtOnce();

	private final Deliveries deliveries;

	private final Patients patients;

	private final Sessions sessions;

	private final Messages messages;

	private final FollowupProperties properties;

	private final QuietHours quietHours;

	private final ChannelChoice choice;

	private final Outcomes outcomes;

	private final Clock clock;

	Claiming(Deliveries deliveries, Patients patients, Sessions sessions, Messages messages,
			FollowupProperties properties, ChannelChoice choice, Outcomes outcomes, Clock clock) {
		this.deliveries = deliveries;
		this.patients = patients;
		this.sessions = sessions;
		this.messages = messages;
		this.properties = properties;
		this.quietHours = properties.quietHours();
		this.choice = choice;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	Batch claim() {
		Instant now = this.clock.instant();
		List<Claim> claims = new ArrayList<>();
		// pages and replies first, so no number of due reminders or check-ins can hold a
		// page back for even one pass
		List<Message> due = new ArrayList<>(this.messages.dueToSend(true, now, this.properties.delivery().batchSize()));
		due.addAll(this.messages.dueToSend(false, now, this.properties.delivery().batchSize() - due.size()));
		Map<UUID, List<Message>> byPatient = new LinkedHashMap<>();
		due.forEach(
				(message) -> byPatient.computeIfAbsent(message.patientId(), (id) -> new ArrayList<>()).add(message));
		byPatient.forEach((patientId, list) -> claimFor(patientId, list, now, claims));
		// pages and replies waiting for a retry first too, then the longest waiting
		List<Claim> again = this.deliveries.claimDue(now, AT_ONCE, this.properties.delivery().batchSize(),
				now.plus(this.properties.delivery().lease()));
		claims.addAll(again);
		return new Batch(claims, due.size() + again.size());
	}

	private void claimFor(UUID patientId, List<Message> due, Instant now, List<Claim> claims) {
		// a reply to a number no patient has (crisis resources) has no patient
		Optional<Patient> known = (patientId != null) ? this.patients.find(patientId) : Optional.empty();
		// replies and pages go at once by SMS to their own number, whatever the hour and
		// the budget
		for (Message reply : due.stream().filter((message) -> message.kind().goesAtOnce()).toList()) {
			ZoneId zone = known.map(Patient::zone).orElse(ZoneId.of("UTC"));
			claims.add(newDelivery(patientId, List.of(reply), "SMS", false, now, zone));
		}
		List<Message> rest = due.stream().filter((message) -> !message.kind().goesAtOnce()).toList();
		if (rest.isEmpty()) {
			return;
		}
		if (known.isEmpty() || known.get().timeZone() == null) {
			// the contact details may still be on their way from intake
			for (Message message : rest) {
				if (Duration.between(message.dueAt(), now).compareTo(Duration.ofHours(1)) > 0) {
					this.outcomes.undeliverable(patientId, List.of(message), "NO_USABLE_CHANNEL", List.of(), null, now);
				}
				else {
					this.messages.reschedule(message.id(), now.plusSeconds(60), now);
				}
			}
			return;
		}
		Patient patient = known.get();
		ZoneId zone = patient.zone();
		if (!this.quietHours.allows(now, zone)) {
			deferOrSkip(rest, this.quietHours.nextAllowed(now, zone), "QUIET_HOURS", now);
			return;
		}
		List<List<Message>> groups = CoalescingAppointments.groups(rest,
				(message) -> message.kind().isAboutAppointments(), (message) -> stillNeeded(message, now),
				() -> this.messages.appointmentMessagesDue(patientId, now, now.plus(this.properties.coalesceWindow())));
		for (List<Message> group : groups) {
			String channel = this.choice.channelFor(patient, zone, now, List.of(), ChannelChoice.heldByBudget(group));
			if (channel != null) {
				claims.add(newDelivery(patientId, group, channel, "SMS".equals(channel), now, zone));
			}
			else if (patient.canUse("SMS")) {
				deferOrSkip(group, this.quietHours.startOfNextDay(now, zone), "SMS_BUDGET", now);
			}
			else if (!patient.consentedTo("SMS") && !patient.consentedTo("EMAIL")) {
				this.messages.finish(group.stream().map(Message::id).toList(), "SKIPPED", "NO_CONSENT", now);
			}
			else {
				this.outcomes.undeliverable(patientId, group, "NO_USABLE_CHANNEL", List.of(), null, now);
			}
		}
	}

	/** A reminder for a session no longer booked or about to start is dropped. */
	private boolean stillNeeded(Message message, Instant now) {
		Session session = (message.sessionId() != null) ? this.sessions.find(message.sessionId()).orElse(null) : null;
		if (session == null || !session.isBooked()) {
			this.messages.finish(List.of(message.id()), "CANCELLED", "SESSION_NOT_BOOKED", now);
			return false;
		}
		if (message.kind().isReminder() && !PlanningMessages.stillUseful(session, now)) {
			this.messages.finish(List.of(message.id()), "SKIPPED", "TOO_LATE", now);
			return false;
		}
		return true;
	}

	private void deferOrSkip(List<Message> group, Instant next, String reason, Instant now) {
		for (Message message : group) {
			Session session = (message.sessionId() != null) ? this.sessions.find(message.sessionId()).orElse(null)
					: null;
			if (message.kind().isReminder() && !PlanningMessages.stillUseful(session, next)) {
				this.messages.finish(List.of(message.id()), "SKIPPED", reason, now);
			}
			else {
				this.messages.reschedule(message.id(), next, now);
			}
		}
	}

	private Claim newDelivery(UUID patientId, List<Message> carried, String channel, boolean countsToBudget,
			Instant now, ZoneId zone) {
		Claim claim = this.deliveries.start(patientId, channel, countsToBudget, now.atZone(zone).toLocalDate(),
				this.patients.clinicOf(patientId), now, now.plus(this.properties.delivery().lease()));
		this.messages.queue(carried.stream().map(Message::id).toList(), claim.deliveryId(), channel, now);
		return claim;
	}

	/** What one pass claimed, and how many due rows it dealt with (sent or moved on). */
	record Batch(List<Claim> claims, int considered) {
	}

}
