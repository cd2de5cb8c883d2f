package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
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
import org.ketaclinic.followup.delivery.Deliveries.Claim;
import org.ketaclinic.followup.message.Message;
import org.ketaclinic.followup.message.Messages;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.patient.Patient;
import org.ketaclinic.followup.patient.Patients;
import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.followup.policy.QuietHours;
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
 *
 * <p>
 * This class is the loop and the send: {@link Claiming} takes the work on,
 * {@link Outcomes} records what each attempt did to its delivery, {@link Deliveries}
 * holds the rows, and the choices are plain-Java policies ({@code ChoosingChannel},
 * {@code QuietHours}, {@code SmsBudget}).
 */
@Component
public class Dispatcher {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final Deliveries deliveries;

	private final TransactionTemplate transactions;

	private final Patients patients;

	private final Sessions sessions;

	private final Messages messages;

	private final CheckIns checkIns;

	private final CheckInLinks links;

	private final Composer composer;

	private final Map<String, Channel> channels = new HashMap<>();

	private final Paging paging;

	private final FollowupProperties properties;

	private final QuietHours quietHours;

	private final Clock clock;

	private final ChannelStates channelStates;

	private final Claiming claiming;

	private final Outcomes outcomes;

	private volatile boolean stopping;

	Dispatcher(Deliveries deliveries, TransactionTemplate transactions, Patients patients, Sessions sessions,
			Messages messages, CheckIns checkIns, CheckInLinks links, Composer composer, List<Channel> channels,
			StaffTasks tasks, Paging paging, Outbox outbox, FollowupProperties properties, Clock clock,
			MeterRegistry meters, ChannelStates channelStates) {
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
		this.paging = paging;
		this.properties = properties;
		this.quietHours = properties.quietHours();
		this.clock = clock;
		ChannelChoice choice = new ChannelChoice(deliveries, properties.smsBudget());
		this.outcomes = new Outcomes(deliveries, transactions, patients, messages, checkIns, tasks, paging, outbox,
				properties, choice, clock, meters);
		this.claiming = new Claiming(deliveries, patients, sessions, messages, properties, choice, this.outcomes,
				clock);
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
		Claiming.Batch batch = Objects.requireNonNull(this.transactions.execute((status) -> this.claiming.claim()));
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
		this.transactions
			.executeWithoutResult((status) -> this.outcomes.record(claim, unsent(claim.deliveryId()).toList(), result));
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
			this.outcomes.withdrawn(claim, carried, patient, now);
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
		this.transactions.executeWithoutResult((status) -> this.outcomes.record(claim, carried, outcome));
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

	private record Pass(int considered, int tried) {
	}

}
