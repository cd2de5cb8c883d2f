package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.ketaclinic.events.MessageId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.TaskId;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.alert.Paging;
import org.ketaclinic.followup.alert.StaffTasks;
import org.ketaclinic.followup.checkin.CheckIns;
import org.ketaclinic.followup.delivery.Deliveries.Claim;
import org.ketaclinic.followup.delivery.Deliveries.Held;
import org.ketaclinic.followup.events.DeliveryChannel;
import org.ketaclinic.followup.events.MessageUndeliverable;
import org.ketaclinic.followup.events.UndeliverableReason;
import org.ketaclinic.followup.message.Message;
import org.ketaclinic.followup.message.Messages;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an attempt's outcome does to its delivery, in the transaction that records it and
 * only while its claim still holds the delivery: sent; retried with a doubling backoff;
 * waited out on its channel while the provider is unavailable; moved to the patient's
 * other channel when the provider certainly has nothing of it; or given up
 * (undeliverable: a task for the front desk and {@code MessageUndeliverable}), with a
 * person told when an outage has outlasted a failing message's budget.
 */
class Outcomes {

	private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

	private final Deliveries deliveries;

	private final TransactionTemplate transactions;

	private final Patients patients;

	private final Messages messages;

	private final CheckIns checkIns;

	private final StaffTasks tasks;

	private final Paging paging;

	private final Outbox outbox;

	private final FollowupProperties properties;

	private final ChannelChoice choice;

	private final Clock clock;

	private final MeterRegistry meters;

	Outcomes(Deliveries deliveries, TransactionTemplate transactions, Patients patients, Messages messages,
			CheckIns checkIns, StaffTasks tasks, Paging paging, Outbox outbox, FollowupProperties properties,
			ChannelChoice choice, Clock clock, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.transactions = transactions;
		this.patients = patients;
		this.messages = messages;
		this.checkIns = checkIns;
		this.tasks = tasks;
		this.paging = paging;
		this.outbox = outbox;
		this.properties = properties;
		this.choice = choice;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * The patient withdrew consent to this channel, opted out (STOP) or removed its
	 * address while the delivery waited for a retry: it never goes that way. With no
	 * channel consented to at all the messages are skipped, as at the first send;
	 * otherwise the channel counts as refused, and the delivery moves to the other one
	 * the patient allows or, with none usable, is undeliverable with a task for the front
	 * desk.
	 */
	void withdrawn(Claim claim, List<Message> carried, Patient patient, Instant now) {
		boolean noneConsented = !patient.consentedTo("SMS") && !patient.consentedTo("EMAIL");
		this.transactions.executeWithoutResult((status) -> {
			Optional<Held> held = this.deliveries.held(claim);
			if (held.isEmpty()) {
				// the lease ran out and another dispatcher owns this delivery now
				return;
			}
			log.info("Delivery {}: the patient no longer allows {}; not sent that way", claim.deliveryId(),
					claim.channel());
			if (noneConsented) {
				this.deliveries.cancel(held.get());
				this.messages.finish(carried.stream().map(Message::id).toList(), "SKIPPED", "NO_CONSENT", now);
			}
			else {
				fallBack(held.get(), carried, "NO_USABLE_CHANNEL", "the patient no longer allows " + claim.channel(),
						now);
			}
		});
	}

	void record(Claim claim, List<Message> carried, Channel.Result result) {
		Instant now = this.clock.instant();
		Optional<Held> found = this.deliveries.held(claim);
		if (found.isEmpty()) {
			// the lease ran out and another dispatcher owns this delivery now
			return;
		}
		Held held = found.get();
		this.meters
			.counter("ketaclinic.followup.deliveries", "channel", claim.channel(), "outcome", result.outcome().name())
			.increment();
		this.deliveries.attempted(held, result, now);
		List<UUID> ids = carried.stream().map(Message::id).toList();
		switch (result.outcome()) {
			case SENT, DELIVERED -> {
				Deliveries.Status status = (result.outcome() == Channel.Outcome.SENT) ? Deliveries.Status.SENT
						: Deliveries.Status.DELIVERED;
				this.deliveries.sent(held, status, result.providerId(), now);
				this.messages.sent(ids, status.name(), claim.channel(), now);
				carried.stream().map(Message::checkInId).filter(Objects::nonNull).forEach(this.checkIns::sent);
				log.info("Delivery {} sent by {} (attempt {})", claim.deliveryId(), claim.channel(), claim.attempt());
			}
			case TRY_AGAIN -> {
				if (claim.attempt() < this.properties.delivery().attemptsPerChannel()) {
					this.deliveries.retryAt(held, now.plus(backoff(claim.attempt())), result.detail());
					this.messages.failed(ids, result.detail(), now);
				}
				else {
					fallBack(held, carried, "RETRIES_EXHAUSTED", result.detail(), now);
				}
			}
			case UNAVAILABLE -> {
				// the provider is down, the message not at fault: the attempt gives its
				// number back and nothing is given up. Once the provider has been down
				// for as many attempts as a failing message gets, the patient is not left
				// waiting on it: the delivery moves to another channel the patient allows
				// if the provider certainly has nothing of it, or waits on and tells a
				// person (outageSpent)
				int unavailable = this.deliveries.unavailableAttempts(held);
				int budget = this.properties.delivery().attemptsPerChannel();
				if (unavailable < budget) {
					waitOut(held, ids, result.detail(), now);
				}
				else if (!this.deliveries.mayHaveBeenTaken(held) && moveAway(held, carried, result.detail(), now)) {
					log.warn("Delivery {}: {} unavailable for its whole budget; moved to another channel",
							claim.deliveryId(), claim.channel());
				}
				else {
					outageSpent(held, carried, result.detail(), now, unavailable == budget);
				}
			}
			case REJECTED -> fallBack(held, carried, "PROVIDER_REJECTED", result.detail(), now);
		}
	}

	/**
	 * The delivery is tried on this channel again after {@code outage-backoff}, its
	 * attempt given back: an outage lasts as long as it lasts.
	 */
	private void waitOut(Held held, List<UUID> ids, String detail, Instant now) {
		this.deliveries.waitOut(held, now.plus(this.properties.delivery().outageBackoff()), detail);
		this.messages.failed(ids, detail, now);
	}

	/**
	 * The delivery moves to another channel the patient allows and it has not tried: its
	 * channel refused the message, it failed its whole budget there, or the provider has
	 * been down for that long and certainly has nothing of it.
	 * @return false when there is none (pages and replies go only to their number)
	 */
	private boolean moveAway(Held held, List<Message> carried, String detail, Instant now) {
		Claim claim = held.claim();
		List<String> tried = held.triedWithCurrent();
		Patient patient = (claim.patientId() != null) ? this.patients.find(claim.patientId()).orElse(null) : null;
		String other = (patient != null && !carried.get(0).kind().goesAtOnce())
				? this.choice.channelFor(patient, patient.zone(), now, tried, ChannelChoice.heldByBudget(carried))
				: null;
		if (other == null) {
			return false;
		}
		// tried on the other channel now, from its first attempt
		this.deliveries.moveTo(held, other, tried, now, detail);
		this.messages.failed(carried.stream().map(Message::id).toList(), detail, now);
		return true;
	}

	/**
	 * The provider has been down for a failing message's whole budget, and the message
	 * has no other channel, or may have reached the provider (a request that timed out):
	 * the same message by another channel would then reach the patient twice (the outage
	 * suite saw it). The message is not given up (it goes once the provider is back) and
	 * stays on its channel. A person is told once, as an undeliverable message would tell
	 * them: the next on-call level is paged now for a page, the front desk gets an urgent
	 * task to reach the patient for a reply (crisis resources, an answer to a text).
	 */
	private void outageSpent(Held held, List<Message> carried, String detail, Instant now, boolean firstTime) {
		Claim claim = held.claim();
		List<UUID> ids = carried.stream().map(Message::id).toList();
		boolean atOnce = carried.get(0).kind().goesAtOnce();
		waitOut(held, ids, detail, now);
		if (!firstTime) {
			return;
		}
		if (carried.stream().allMatch((message) -> message.kind() == MessageKind.PAGE)) {
			this.paging.escalateNow(ids, now);
			log.warn("Page delivery {}: {} unavailable for its whole budget; the next level is paged now",
					claim.deliveryId(), claim.channel());
		}
		else if (atOnce && claim.patientId() != null) {
			List<String> kinds = carried.stream().map(Message::kind).map(MessageKind::name).distinct().toList();
			this.tasks.openUrgent(claim.patientId(), "REACH_PATIENT",
					"Could not send " + String.join(", ", kinds) + " by " + claim.channel()
							+ ": the provider is unavailable. It goes when the provider is back;"
							+ " please contact the patient another way meanwhile.",
					"OUTAGE:" + claim.deliveryId());
			log.warn("Reply delivery {}: {} unavailable for its whole budget; the front desk is asked to reach the"
					+ " patient", claim.deliveryId(), claim.channel());
		}
		else if (claim.patientId() != null && !this.tasks.anyOpen(claim.patientId(), "OUTAGE:")) {
			// a check-in link (its safety questions), preparation instructions, a
			// confirmation: someone should know it is late; one open task a patient
			List<String> kinds = carried.stream().map(Message::kind).map(MessageKind::name).distinct().toList();
			this.tasks.open(claim.patientId(), "REACH_PATIENT",
					"Could not send " + String.join(", ", kinds) + " by " + claim.channel()
							+ ": the provider is unavailable. It goes when the provider is back, as do any other"
							+ " messages waiting; contact the patient another way if it cannot wait.",
					"OUTAGE:" + claim.deliveryId());
			log.warn("Delivery {}: {} unavailable for its whole budget; the front desk is told", claim.deliveryId(),
					claim.channel());
		}
	}

	private void fallBack(Held held, List<Message> carried, String reason, String detail, Instant now) {
		// a message the provider may have after all (a send that timed out or lost the
		// connection after its content) is not sent again another way: a person checks
		boolean maybeTaken = this.deliveries.mayHaveBeenTaken(held);
		if (!maybeTaken && moveAway(held, carried, detail, now)) {
			return;
		}
		List<String> tried = held.triedWithCurrent();
		this.deliveries.undeliverable(held, tried, detail);
		undeliverable(held.claim().patientId(), carried, reason, tried, held.claim().deliveryId(), now, maybeTaken);
	}

	/**
	 * No channel reached the patient: the messages are undeliverable, the front desk gets
	 * a task and other services a {@code MessageUndeliverable}.
	 */
	void undeliverable(UUID patientId, List<Message> carried, String reason, List<String> tried, UUID deliveryId,
			Instant now) {
		undeliverable(patientId, carried, reason, tried, deliveryId, now, false);
	}

	/**
	 * As above; {@code maybeDelivered}: the last channel's provider may have the message
	 * after all, which the front desk's task says.
	 */
	void undeliverable(UUID patientId, List<Message> carried, String reason, List<String> tried, UUID deliveryId,
			Instant now, boolean maybeDelivered) {
		List<UUID> ids = carried.stream().map(Message::id).toList();
		List<String> kinds = carried.stream().map(Message::kind).map(MessageKind::name).distinct().toList();
		this.messages.finish(ids, "UNDELIVERABLE", reason, now);
		if (carried.stream().allMatch((message) -> message.kind() == MessageKind.PAGE)) {
			// a page that could not go: the patient needs no call about it, and the next
			// level is paged now
			this.paging.escalateNow(ids, now);
			this.meters.counter("ketaclinic.followup.undeliverable", "reason", "PAGE_" + reason).increment();
			log.warn("Page delivery {} undeliverable: {}; the next level is paged now", deliveryId, reason);
			return;
		}
		if (patientId == null) {
			// a reply to a number no patient has: its urgent task to call the number is
			// open
			this.meters.counter("ketaclinic.followup.undeliverable", "reason", "NO_PATIENT_" + reason).increment();
			log.warn("Delivery {} to a number no patient has undeliverable: {}", deliveryId, reason);
			return;
		}
		UUID taskId = this.tasks.open(patientId, "REACH_PATIENT", "Could not send " + String.join(", ", kinds)
				+ (tried.isEmpty() ? " (no usable contact details)" : " by " + String.join(" or ", tried))
				+ (maybeDelivered ? ". It may have arrived (the provider stopped answering after taking it): please"
						+ " check with the patient." : ". Please contact the patient another way."),
				"UNDELIVERABLE:" + ((deliveryId != null) ? deliveryId : ids.get(0)));
		MessageUndeliverable event = new MessageUndeliverable(new PatientId(patientId),
				ids.stream().map(MessageId::new).toList(), kinds, tried.stream().map(DeliveryChannel::valueOf).toList(),
				UndeliverableReason.valueOf(reason), new TaskId(taskId), now, this.patients.clinicOf(patientId));
		// about the delivery when there was one (its subject is not in the event's data)
		if (deliveryId != null) {
			this.outbox.publish(event, deliveryId.toString());
		}
		else {
			this.outbox.publish(event);
		}
		this.meters.counter("ketaclinic.followup.undeliverable", "reason", reason).increment();
		log.warn("Delivery {} undeliverable: {}", deliveryId, reason);
	}

	private Duration backoff(int attempt) {
		Duration delay = this.properties.delivery().backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
		Duration max = this.properties.delivery().maxBackoff();
		return (delay.compareTo(max) > 0) ? max : delay;
	}

}
