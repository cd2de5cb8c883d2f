package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.alert.Paging;
import org.ketaclinic.followup.alert.StaffTasks;
import org.ketaclinic.followup.checkin.CheckIn;
import org.ketaclinic.followup.checkin.CheckInLinks;
import org.ketaclinic.followup.checkin.CheckIns;
import org.ketaclinic.followup.events.MessageUndeliverable;
import org.ketaclinic.followup.message.Message;
import org.ketaclinic.followup.message.Messages;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.followup.delivery.Deliveries.Claim;
import org.ketaclinic.followup.delivery.Deliveries.Held;
import org.ketaclinic.followup.policy.ChoosingChannel;
import org.ketaclinic.followup.policy.QuietHours;
import org.ketaclinic.followup.policy.SmsBudget;
import org.ketaclinic.followup.session.Session;
import org.ketaclinic.followup.session.Sessions;
import org.ketaclinic.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due messages. Each pass claims work in one short transaction ({@code FOR UPDATE
 * SKIP LOCKED}, so several dispatchers share it) and commits a delivery row holding a
 * lease before anything is sent; each send carries the delivery's idempotency key; its
 * result is recorded in a second transaction that only the lease holder can commit. A
 * dispatcher that dies mid-batch leaves leased deliveries that the next pass takes over
 * after the lease and resends with the same key, which the provider recognises: every
 * message is sent once.
 *
 * <p>
 * A send that failed for the message ({@code TRY_AGAIN}) is retried with a doubling
 * backoff up to {@code attempts-per-channel} times, then the other channel is tried, and
 * when none is left the messages are undeliverable (a task for the front desk, a
 * {@code MessageUndeliverable}). A provider that could not be reached or said it is
 * unavailable ({@code UNAVAILABLE}) is no fault of the message: the attempt does not
 * count, nothing is given up, and the delivery is tried again on the same channel every
 * {@code outage-backoff} until the provider takes it; its messages show {@code FAILED}
 * with the reason meanwhile ({@link ChannelStates} shows the outage). Once the outage has
 * lasted a failing message's budget, the delivery moves to the patient's other channel if
 * the provider certainly has nothing of it, and otherwise a person is told. A retry never
 * uses a channel the patient has withdrawn meanwhile. Pages escalate on their alert's
 * schedule meanwhile (by time, not by sends). A retry that comes due in the patient's
 * quiet hours waits for the morning, and a reminder retried until its session is about to
 * start is skipped, as at the first send.
 */
@Component
public class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	/** The kinds that go at once, whatever the hour and the budget. */
	private static final List<String> AT_ONCE = Arrays.stream(MessageKind.values())
		.filter(MessageKind::goesAtOnce)
		.map(MessageKind::name)
		.toList();

	private final Deliveries deliveries;

	private final TransactionTemplate transactions;

	private final Patients patients;

	private final Sessions sessions;

	private final Messages messages;

	private final CheckIns checkIns;

	private final CheckInLinks links;

	private final Composer composer;

	private final Map<String, Channel> channels = new HashMap<>();

	private final StaffTasks tasks;

	private final Paging paging;

	private final Outbox outbox;

	private final FollowupProperties properties;

	private final QuietHours quietHours;

	private final SmsBudget budget;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ChannelStates channelStates;

	private volatile boolean stopping;

	Dispatcher(Deliveries deliveries, TransactionTemplate transactions, Patients patients, Sessions sessions,
			Messages messages, CheckIns checkIns, CheckInLinks links, Composer composer, List<Channel> channels,
			StaffTasks tasks, Paging paging, Outbox outbox, FollowupProperties properties, Clock clock,
			MeterRegistry meters, ChannelStates channelStates) {
		this.meters = meters;
		this.channelStates = channelStates;
		// every series exists from the start, so a dashboard shows zero rather than
		// nothing
		for (String channel : List.of("SMS", "EMAIL")) {
			for (Channel.Outcome outcome : Channel.Outcome.values()) {
				meters.counter("ketaclinic.followup.deliveries", "channel", channel, "outcome", outcome.name());
			}
		}
		this.deliveries = deliveries;
		this.transactions = transactions;
		this.patients = patients;
		this.sessions = sessions;
		this.messages = messages;
		this.checkIns = checkIns;
		this.links = links;
		this.composer = composer;
		channels.forEach((channel) -> this.channels.put(channel.name(), channel));
		this.tasks = tasks;
		this.paging = paging;
		this.outbox = outbox;
		this.properties = properties;
		this.quietHours = properties.quietHours();
		this.budget = properties.smsBudget();
		this.clock = clock;
	}

	/**
	 * Sends everything due, pass after pass, until a pass finds nothing due. A pass that
	 * only deferred its batch (quiet hours, contact details still on their way) still
	 * counts: the rows it moved on leave the due set, and the page or reply behind them
	 * is sent in this call, not a tick later.
	 */
	public void dispatchDue() {
		for (int pass = 0; pass < 100 && !this.stopping && pass().considered() > 0; pass++) {
			// next pass
		}
	}

	/**
	 * One pass: claims due work and sends it. Once the application is stopping, it sends
	 * nothing more and hands the claims it has not tried back at once (their lease ends
	 * now), so the next dispatcher sends them without waiting for the lease.
	 * @return how many deliveries it tried
	 */
	public int dispatchOnce() {
		return pass().tried();
	}

	private Pass pass() {
		Batch batch = Objects.requireNonNull(this.transactions.execute((status) -> claim()));
		int tried = 0;
		for (Claim claim : batch.claims()) {
			if (this.stopping) {
				release(claim);
			}
			else {
				try {
					attempt(claim);
				}
				catch (DataAccessException ex) {
					// no database: the pass ends, the leases return the rest
					throw ex;
				}
				catch (RuntimeException ex) {
					unexpected(claim, ex);
				}
				tried++;
			}
		}
		return new Pass(batch.considered(), tried);
	}

	/**
	 * A delivery failed for a reason of its own (a row it cannot read, say): it is
	 * retried like a failed send, and given up with a task for the front desk when the
	 * attempts run out, while the rest of the batch goes on.
	 */
	private void unexpected(Claim claim, RuntimeException ex) {
		log.error("Delivery {} failed unexpectedly; it will be tried again", claim.deliveryId(), ex);
		Channel.Result result = Channel.Result.tryAgain("unexpected " + ex.getClass().getSimpleName());
		this.transactions.executeWithoutResult((status) -> record(claim, unsent(claim.deliveryId()).toList(), result));
	}

	/** The delivery's messages still to send (queued, or failed and to be retried). */
	private Stream<Message> unsent(UUID deliveryId) {
		return this.messages.inDelivery(deliveryId)
			.stream()
			.filter((message) -> "QUEUED".equals(message.status()) || "FAILED".equals(message.status()));
	}

	/**
	 * The application is closing (a deploy or a restart): the delivery in hand is
	 * finished and recorded, the rest handed back. Runs before the dispatch loops are
	 * awaited and before the database pool closes.
	 */
	@EventListener(ContextClosedEvent.class)
	void stopping() {
		this.stopping = true;
	}

	private void release(Claim claim) {
		this.deliveries.release(claim, this.clock.instant());
	}

	private Batch claim() {
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
					undeliverable(patientId, List.of(message), "NO_USABLE_CHANNEL", List.of(), null, now);
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
		List<Message> appointments = new ArrayList<>();
		List<Message> others = new ArrayList<>();
		for (Message message : rest) {
			if (!message.kind().isAboutAppointments()) {
				others.add(message);
			}
			else if (stillNeeded(message, now)) {
				appointments.add(message);
			}
		}
		if (!appointments.isEmpty()) {
			// appointment messages due soon go in the same message, not one text each
			this.messages.appointmentMessagesDue(patientId, now, now.plus(this.properties.coalesceWindow()))
				.stream()
				.filter((message) -> stillNeeded(message, now))
				.forEach(appointments::add);
		}
		List<List<Message>> groups = new ArrayList<>();
		if (!appointments.isEmpty()) {
			groups.add(appointments);
		}
		others.forEach((message) -> groups.add(List.of(message)));
		for (List<Message> group : groups) {
			String channel = channelFor(patient, zone, now, List.of(), heldByBudget(group));
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
				undeliverable(patientId, group, "NO_USABLE_CHANNEL", List.of(), null, now);
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

	/**
	 * Whether the SMS budget may hold these messages: a check-in link (it carries the
	 * safety questions) never waits for it.
	 */
	private static boolean heldByBudget(List<Message> group) {
		return group.stream().allMatch((message) -> message.kind().heldBySmsBudget());
	}

	/**
	 * The patient's preferred usable channel not yet tried within the SMS budget; for
	 * messages the budget may not hold (check-in links), the preferred usable channel
	 * regardless of it when none is within it. So a check-in over today's text budget
	 * still goes by email where the patient has one, and by text at once where not: never
	 * later.
	 */
	private String channelFor(Patient patient, ZoneId zone, Instant now, List<String> tried, boolean budgeted) {
		return ChoosingChannel.channelFor(List.of(patient.channelsByPreference()), patient::canUse, tried, budgeted,
				() -> smsBudgetAllows(patient.id(), zone, now));
	}

	private boolean smsBudgetAllows(UUID patientId, ZoneId zone, Instant now) {
		LocalDate today = now.atZone(zone).toLocalDate();
		return this.budget.allowsAnother(this.deliveries.smsDeliveries(patientId, today, today),
				this.deliveries.smsDeliveries(patientId, today.minusDays(6), today));
	}

	private Claim newDelivery(UUID patientId, List<Message> carried, String channel, boolean countsToBudget,
			Instant now, ZoneId zone) {
		Claim claim = this.deliveries.start(patientId, channel, countsToBudget, now.atZone(zone).toLocalDate(),
				this.patients.clinicOf(patientId), now, now.plus(this.properties.delivery().lease()));
		this.messages.queue(carried.stream().map(Message::id).toList(), claim.deliveryId(), channel, now);
		return claim;
	}

	private void attempt(Claim claim) {
		Instant now = this.clock.instant();
		// a long batch must not outlive its lease: renew it, or find another dispatcher
		// took over
		if (!this.deliveries.renew(claim, now.plus(this.properties.delivery().lease()))) {
			return;
		}
		Patient patient = (claim.patientId() != null) ? this.patients.find(claim.patientId()).orElse(null) : null;
		ZoneId zone = (patient != null) ? patient.zone() : ZoneId.of("UTC");
		List<Message> carried = unsent(claim.deliveryId())
			.filter((message) -> !message.kind().isAboutAppointments() || stillBooked(message, now))
			.filter((message) -> !message.kind().isReminder() || stillInTime(message, now))
			.toList();
		if (carried.isEmpty()) {
			this.deliveries.cancelEmpty(claim);
			return;
		}
		Message first = carried.get(0);
		if (patient != null && !first.kind().goesAtOnce() && !patient.canUse(claim.channel())) {
			withdrawn(claim, carried, patient, now);
			return;
		}
		if (patient != null && !first.kind().goesAtOnce() && !this.quietHours.allows(now, zone)) {
			// a retry (a provider outage lasts as long as it lasts) that comes due in the
			// patient's quiet hours waits for the morning, as a first send does; the
			// attempt is given back, not spent
			this.deliveries.waitForMorning(claim, this.quietHours.nextAllowed(now, zone));
			return;
		}
		String to = "SMS".equals(claim.channel())
				? (first.kind().goesAtOnce() ? first.replyTo() : (patient != null) ? patient.phone() : null)
				: (patient != null) ? patient.email() : null;
		Channel.Result result;
		if (to == null) {
			result = Channel.Result.rejected("no address for " + claim.channel());
		}
		else {
			Map<UUID, Composer.Link> links = new HashMap<>();
			if (first.kind() == MessageKind.PAGE) {
				this.paging.alertOf(first.id())
					.ifPresent((alertId) -> links.put(first.id(), new Composer.Link(
							this.properties.checkIns().linkBaseUrl() + "/ui/clinician.html#alert=" + alertId, null)));
			}
			for (Message message : carried) {
				if (message.checkInId() != null) {
					CheckIn checkIn = this.checkIns.find(message.checkInId()).orElseThrow();
					Instant expires = this.checkIns.startValidity(checkIn.id(),
							now.plus(this.properties.checkIns().linkValidity()));
					links.put(checkIn.id(), new Composer.Link(this.links.link(checkIn.tokenNonce()), expires));
				}
			}
			List<Session> about = this.sessions
				.all(carried.stream().map(Message::sessionId).filter(Objects::nonNull).distinct().toList());
			Composer.Text text = this.composer.compose(carried, about, links, zone);
			try {
				result = this.channels.get(claim.channel()).send(to, text, claim.deliveryId() + ":" + claim.channel());
				this.channelStates.record(claim.channel(), result);
			}
			catch (RuntimeException ex) {
				// it may have failed after the request went
				result = Channel.Result.tryAgainMaybeTaken("unexpected " + ex.getClass().getSimpleName());
			}
		}
		Channel.Result outcome = result;
		this.transactions.executeWithoutResult((status) -> record(claim, carried, outcome));
	}

	/**
	 * The patient withdrew consent to this channel, opted out (STOP) or removed its
	 * address while the delivery waited for a retry: it never goes that way. With no
	 * channel consented to at all the messages are skipped, as at the first send;
	 * otherwise the channel counts as refused, and the delivery moves to the other one
	 * the patient allows or, with none usable, is undeliverable with a task for the front
	 * desk.
	 */
	private void withdrawn(Claim claim, List<Message> carried, Patient patient, Instant now) {
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

	private boolean stillBooked(Message message, Instant now) {
		Optional<Session> session = this.sessions.find(message.sessionId());
		if (session.isPresent() && session.get().isBooked()) {
			return true;
		}
		this.messages.finish(List.of(message.id()), "CANCELLED", "SESSION_NOT_BOOKED", now);
		return false;
	}

	/**
	 * A reminder retried until its session is about to start (a provider outage lasts as
	 * long as it lasts) is skipped as at the claim, not sent late.
	 */
	private boolean stillInTime(Message message, Instant now) {
		if (PlanningMessages.stillUseful(this.sessions.find(message.sessionId()).orElse(null), now)) {
			return true;
		}
		this.messages.finish(List.of(message.id()), "SKIPPED", "TOO_LATE", now);
		return false;
	}

	private void record(Claim claim, List<Message> carried, Channel.Result result) {
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
				? channelFor(patient, patient.zone(), now, tried, heldByBudget(carried)) : null;
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
	private void undeliverable(UUID patientId, List<Message> carried, String reason, List<String> tried,
			UUID deliveryId, Instant now) {
		undeliverable(patientId, carried, reason, tried, deliveryId, now, false);
	}

	/**
	 * As above; {@code maybeDelivered}: the last channel's provider may have the message
	 * after all, which the front desk's task says.
	 */
	private void undeliverable(UUID patientId, List<Message> carried, String reason, List<String> tried,
			UUID deliveryId, Instant now, boolean maybeDelivered) {
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
		MessageUndeliverable event = new MessageUndeliverable(patientId, ids, kinds, tried, reason, taskId, now,
				this.patients.clinicOf(patientId));
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

	/** What one pass claimed, and how many due rows it dealt with (sent or moved on). */
	private record Batch(List<Claim> claims, int considered) {
	}

	private record Pass(int considered, int tried) {
	}

}
