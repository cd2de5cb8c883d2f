package org.ketaclinic.followup.delivery;

import java.sql.Timestamp;
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
import org.ketaclinic.followup.policy.Escalation;
import org.ketaclinic.followup.policy.MessageKind;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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

	private static final String LIVE_SMS = """
			SELECT count(*) FROM delivery WHERE patient_id = ? AND channel = 'SMS' AND counts_to_budget
			AND status IN ('SENDING', 'RETRY', 'SENT', 'DELIVERED') AND local_day >= ? AND local_day <= ?
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Patients patients;

	private final Sessions sessions;

	private final Messages messages;

	private final CheckIns checkIns;

	private final CheckInLinks links;

	private final Composer composer;

	private final Map<String, Channel> channels = new HashMap<>();

	private final StaffTasks tasks;

	private final Outbox outbox;

	private final FollowupProperties properties;

	private final QuietHours quietHours;

	private final SmsBudget budget;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ChannelStates channelStates;

	private volatile boolean stopping;

	Dispatcher(JdbcClient jdbc, TransactionTemplate transactions, Patients patients, Sessions sessions,
			Messages messages, CheckIns checkIns, CheckInLinks links, Composer composer, List<Channel> channels,
			StaffTasks tasks, Outbox outbox, FollowupProperties properties, Clock clock, MeterRegistry meters,
			ChannelStates channelStates) {
		this.meters = meters;
		this.channelStates = channelStates;
		// every series exists from the start, so a dashboard shows zero rather than
		// nothing
		for (String channel : List.of("SMS", "EMAIL")) {
			for (Channel.Outcome outcome : Channel.Outcome.values()) {
				meters.counter("ketaclinic.followup.deliveries", "channel", channel, "outcome", outcome.name());
			}
		}
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.patients = patients;
		this.sessions = sessions;
		this.messages = messages;
		this.checkIns = checkIns;
		this.links = links;
		this.composer = composer;
		channels.forEach((channel) -> this.channels.put(channel.name(), channel));
		this.tasks = tasks;
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
		this.jdbc.sql("""
				UPDATE delivery SET lease_until = ? WHERE delivery_id = ? AND claim_id = ? AND status = 'SENDING'
				""").params(ts(this.clock.instant()), claim.deliveryId(), claim.claimId()).update();
	}

	private Batch claim() {
		Instant now = this.clock.instant();
		List<Claim> claims = new ArrayList<>();
		// pages and replies first, so no number of due reminders or check-ins can hold a
		// page back for even one pass
		List<Message> due = new ArrayList<>(
				dueMessages("kind IN (:atOnce)", now, this.properties.delivery().batchSize()));
		due.addAll(dueMessages("kind NOT IN (:atOnce)", now, this.properties.delivery().batchSize() - due.size()));
		Map<UUID, List<Message>> byPatient = new LinkedHashMap<>();
		due.forEach(
				(message) -> byPatient.computeIfAbsent(message.patientId(), (id) -> new ArrayList<>()).add(message));
		byPatient.forEach((patientId, list) -> claimFor(patientId, list, now, claims));
		// pages and replies waiting for a retry first too, then the longest waiting
		List<Map<String, Object>> again = this.jdbc
			.sql("""
					SELECT d.delivery_id, d.patient_id, d.channel, d.attempt, d.status FROM delivery d
					WHERE (d.status = 'RETRY' AND d.next_attempt_at <= :now) OR (d.status = 'SENDING' AND d.lease_until <= :now)
					ORDER BY EXISTS (SELECT 1 FROM message m WHERE m.delivery_id = d.delivery_id AND m.kind IN (:atOnce)) DESC,
						d.created_at
					LIMIT :limit FOR UPDATE OF d SKIP LOCKED
					""")
			.param("now", ts(now))
			.param("atOnce", AT_ONCE)
			.param("limit", this.properties.delivery().batchSize())
			.query()
			.listOfRows();
		for (Map<String, Object> row : again) {
			UUID claimId = UUID.randomUUID();
			int attempt = ((Number) row.get("attempt")).intValue() + ("RETRY".equals(row.get("status")) ? 1 : 0);
			UUID deliveryId = (UUID) row.get("delivery_id");
			this.jdbc
				.sql("""
						UPDATE delivery SET status = 'SENDING', claim_id = ?, lease_until = ?, attempt = ? WHERE delivery_id = ?
						""")
				.params(claimId, ts(now.plus(this.properties.delivery().lease())), attempt, deliveryId)
				.update();
			claims.add(
					new Claim(deliveryId, claimId, (UUID) row.get("patient_id"), (String) row.get("channel"), attempt));
		}
		return new Batch(claims, due.size() + again.size());
	}

	private List<Message> dueMessages(String kinds, Instant now, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT * FROM message WHERE status = 'PLANNED' AND scheduled_for <= :now AND " + kinds
					+ " ORDER BY scheduled_for LIMIT :limit FOR UPDATE SKIP LOCKED")
			.param("now", ts(now))
			.param("atOnce", AT_ONCE)
			.param("limit", limit)
			.query((rs, row) -> Messages.read(rs))
			.list();
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
			this.jdbc
				.sql("""
						SELECT * FROM message WHERE patient_id = ? AND status = 'PLANNED' AND scheduled_for > ?
						AND scheduled_for <= ? AND kind IN ('BOOKING_CONFIRMATION', 'RESCHEDULE_CONFIRMATION', 'REMINDER_72H',
							'REMINDER_24H', 'REMINDER_2H')
						FOR UPDATE SKIP LOCKED
						""")
				.params(patientId, ts(now), ts(now.plus(this.properties.coalesceWindow())))
				.query((rs, row) -> Messages.read(rs))
				.list()
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
		String withinBudget = firstUsable(patient, zone, now, tried, true);
		return (withinBudget != null || budgeted) ? withinBudget : firstUsable(patient, zone, now, tried, false);
	}

	private String firstUsable(Patient patient, ZoneId zone, Instant now, List<String> tried, boolean budgeted) {
		for (String channel : patient.channelsByPreference()) {
			if (patient.canUse(channel) && !tried.contains(channel)
					&& (!"SMS".equals(channel) || !budgeted || smsBudgetAllows(patient.id(), zone, now))) {
				return channel;
			}
		}
		return null;
	}

	private boolean smsBudgetAllows(UUID patientId, ZoneId zone, Instant now) {
		LocalDate today = now.atZone(zone).toLocalDate();
		int sentToday = this.jdbc.sql(LIVE_SMS).params(patientId, today, today).query(Integer.class).single();
		int sentThisWeek = this.jdbc.sql(LIVE_SMS)
			.params(patientId, today.minusDays(6), today)
			.query(Integer.class)
			.single();
		return this.budget.allowsAnother(sentToday, sentThisWeek);
	}

	private Claim newDelivery(UUID patientId, List<Message> carried, String channel, boolean countsToBudget,
			Instant now, ZoneId zone) {
		UUID deliveryId = UUID.randomUUID();
		UUID claimId = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO delivery (delivery_id, patient_id, channel, attempt, status, claim_id, lease_until,
					counts_to_budget, local_day, created_at, clinic_id)
				VALUES (?, ?, ?, 1, 'SENDING', ?, ?, ?, ?, ?, ?)
				""")
			.params(deliveryId, patientId, channel, claimId, ts(now.plus(this.properties.delivery().lease())),
					countsToBudget, now.atZone(zone).toLocalDate(), ts(now), this.patients.clinicOf(patientId))
			.update();
		this.jdbc.sql("""
				UPDATE message SET status = 'QUEUED', delivery_id = :delivery, channel = :channel, updated_at = :now
				WHERE message_id IN (:ids)
				""")
			.param("delivery", deliveryId)
			.param("channel", channel)
			.param("now", ts(now))
			.param("ids", carried.stream().map(Message::id).toList())
			.update();
		return new Claim(deliveryId, claimId, patientId, channel, 1);
	}

	private void attempt(Claim claim) {
		Instant now = this.clock.instant();
		// a long batch must not outlive its lease: renew it, or find another dispatcher
		// took over
		int held = this.jdbc.sql("""
				UPDATE delivery SET lease_until = ? WHERE delivery_id = ? AND claim_id = ? AND status = 'SENDING'
				""")
			.params(ts(now.plus(this.properties.delivery().lease())), claim.deliveryId(), claim.claimId())
			.update();
		if (held == 0) {
			return;
		}
		Patient patient = (claim.patientId() != null) ? this.patients.find(claim.patientId()).orElse(null) : null;
		ZoneId zone = (patient != null) ? patient.zone() : ZoneId.of("UTC");
		List<Message> carried = unsent(claim.deliveryId())
			.filter((message) -> !message.kind().isAboutAppointments() || stillBooked(message, now))
			.filter((message) -> !message.kind().isReminder() || stillInTime(message, now))
			.toList();
		if (carried.isEmpty()) {
			this.jdbc.sql(
					"UPDATE delivery SET status = 'CANCELLED', lease_until = NULL WHERE delivery_id = ? AND claim_id = ?")
				.params(claim.deliveryId(), claim.claimId())
				.update();
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
			this.jdbc.sql("""
					UPDATE delivery SET status = 'RETRY', attempt = ?, next_attempt_at = ?, lease_until = NULL,
						claim_id = NULL WHERE delivery_id = ? AND claim_id = ? AND status = 'SENDING'
					""")
				.params(claim.attempt() - 1, ts(this.quietHours.nextAllowed(now, zone)), claim.deliveryId(),
						claim.claimId())
				.update();
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
				this.jdbc.sql("SELECT alert_id FROM page WHERE message_id = ?")
					.param(first.id())
					.query(UUID.class)
					.optional()
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
			Optional<Map<String, Object>> held = held(claim);
			if (held.isEmpty()) {
				// the lease ran out and another dispatcher owns this delivery now
				return;
			}
			log.info("Delivery {}: the patient no longer allows {}; not sent that way", claim.deliveryId(),
					claim.channel());
			if (noneConsented) {
				this.jdbc
					.sql("""
							UPDATE delivery SET status = 'CANCELLED', lease_until = NULL, claim_id = NULL WHERE delivery_id = ?
							""")
					.params(claim.deliveryId())
					.update();
				this.messages.finish(carried.stream().map(Message::id).toList(), "SKIPPED", "NO_CONSENT", now);
			}
			else {
				fallBack(claim, carried, held.get(), "NO_USABLE_CHANNEL",
						"the patient no longer allows " + claim.channel(), now);
			}
		});
	}

	/**
	 * The delivery's row, locked, if this claim still holds it (its lease may have run
	 * out and another dispatcher taken it over).
	 */
	private Optional<Map<String, Object>> held(Claim claim) {
		return this.jdbc.sql("""
				SELECT channels_tried, counts_to_budget FROM delivery
				WHERE delivery_id = ? AND claim_id = ? AND status = 'SENDING' FOR UPDATE
				""").params(claim.deliveryId(), claim.claimId()).query().listOfRows().stream().findFirst();
	}

	/**
	 * Whether the provider of the delivery's channel may have the message after all: an
	 * attempt on it timed out, or lost the connection after the content went.
	 */
	private boolean mayHaveBeenTaken(Claim claim) {
		return this.jdbc.sql("""
				SELECT coalesce(bool_or(maybe_taken), false) FROM delivery_attempt WHERE delivery_id = ? AND channel = ?
				""").params(claim.deliveryId(), claim.channel()).query(Boolean.class).single();
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
		Optional<Map<String, Object>> held = held(claim);
		if (held.isEmpty()) {
			// the lease ran out and another dispatcher owns this delivery now
			return;
		}
		this.meters
			.counter("ketaclinic.followup.deliveries", "channel", claim.channel(), "outcome", result.outcome().name())
			.increment();
		this.jdbc.sql("""
				INSERT INTO delivery_attempt (delivery_id, attempt, channel, outcome, detail, at, maybe_taken)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(claim.deliveryId(), claim.attempt(), claim.channel(), result.outcome().name(), result.detail(),
					ts(now), result.maybeTaken())
			.update();
		List<UUID> ids = carried.stream().map(Message::id).toList();
		switch (result.outcome()) {
			case SENT, DELIVERED -> {
				String status = result.outcome().name();
				this.jdbc
					.sql("""
							UPDATE delivery SET status = ?, sent_at = ?, provider_id = ?, lease_until = NULL, claim_id = NULL
							WHERE delivery_id = ?
							""")
					.params(status, ts(now), result.providerId(), claim.deliveryId())
					.update();
				this.jdbc.sql("""
						UPDATE message SET status = :status, channel = :channel, updated_at = :now
						WHERE message_id IN (:ids) AND status IN ('QUEUED', 'FAILED')
						""")
					.param("status", status)
					.param("channel", claim.channel())
					.param("now", ts(now))
					.param("ids", ids)
					.update();
				carried.stream().map(Message::checkInId).filter(Objects::nonNull).forEach(this.checkIns::sent);
				log.info("Delivery {} sent by {} (attempt {})", claim.deliveryId(), claim.channel(), claim.attempt());
			}
			case TRY_AGAIN -> {
				if (claim.attempt() < this.properties.delivery().attemptsPerChannel()) {
					this.jdbc
						.sql("""
								UPDATE delivery SET status = 'RETRY', next_attempt_at = ?, last_error = ?, lease_until = NULL,
									claim_id = NULL WHERE delivery_id = ?
								""")
						.params(ts(now.plus(backoff(claim.attempt()))), result.detail(), claim.deliveryId())
						.update();
					failed(ids, result.detail(), now);
				}
				else {
					fallBack(claim, carried, held.get(), "RETRIES_EXHAUSTED", result.detail(), now);
				}
			}
			case UNAVAILABLE -> {
				// the provider is down, the message not at fault: the attempt gives its
				// number back and nothing is given up. Once the provider has been down
				// for as many attempts as a failing message gets, the patient is not left
				// waiting on it: the delivery moves to another channel the patient allows
				// if the provider certainly has nothing of it, or waits on and tells a
				// person (outageSpent)
				int unavailable = this.jdbc
					.sql("""
							SELECT count(*) FROM delivery_attempt WHERE delivery_id = ? AND channel = ? AND outcome = 'UNAVAILABLE'
							""")
					.params(claim.deliveryId(), claim.channel())
					.query(Integer.class)
					.single();
				int budget = this.properties.delivery().attemptsPerChannel();
				if (unavailable < budget) {
					waitOut(claim, ids, result.detail(), now);
				}
				else if (!mayHaveBeenTaken(claim) && moveAway(claim, carried, held.get(), result.detail(), now)) {
					log.warn("Delivery {}: {} unavailable for its whole budget; moved to another channel",
							claim.deliveryId(), claim.channel());
				}
				else {
					outageSpent(claim, carried, result.detail(), now, unavailable == budget);
				}
			}
			case REJECTED -> fallBack(claim, carried, held.get(), "PROVIDER_REJECTED", result.detail(), now);
		}
	}

	/**
	 * The delivery is tried on this channel again after {@code outage-backoff}, its
	 * attempt given back: an outage lasts as long as it lasts.
	 */
	private void waitOut(Claim claim, List<UUID> ids, String detail, Instant now) {
		this.jdbc.sql("""
				UPDATE delivery SET status = 'RETRY', attempt = ?, next_attempt_at = ?, last_error = ?,
					lease_until = NULL, claim_id = NULL WHERE delivery_id = ?
				""")
			.params(claim.attempt() - 1, ts(now.plus(this.properties.delivery().outageBackoff())), detail,
					claim.deliveryId())
			.update();
		failed(ids, detail, now);
	}

	/**
	 * The delivery moves to another channel the patient allows and it has not tried: its
	 * channel refused the message, it failed its whole budget there, or the provider has
	 * been down for that long and certainly has nothing of it.
	 * @return false when there is none (pages and replies go only to their number)
	 */
	private boolean moveAway(Claim claim, List<Message> carried, Map<String, Object> delivery, String detail,
			Instant now) {
		List<String> tried = new ArrayList<>(triedChannels(delivery.get("channels_tried")));
		tried.add(claim.channel());
		Patient patient = (claim.patientId() != null) ? this.patients.find(claim.patientId()).orElse(null) : null;
		String other = (patient != null && !carried.get(0).kind().goesAtOnce())
				? channelFor(patient, patient.zone(), now, tried, heldByBudget(carried)) : null;
		if (other == null) {
			return false;
		}
		// tried on the other channel now, from its first attempt
		this.jdbc.sql("""
				UPDATE delivery SET channel = ?, channels_tried = ?, attempt = 0, status = 'RETRY', next_attempt_at = ?,
					counts_to_budget = ?, last_error = ?, lease_until = NULL, claim_id = NULL WHERE delivery_id = ?
				""")
			.params(other, tried.toArray(String[]::new), ts(now), "SMS".equals(other), detail, claim.deliveryId())
			.update();
		failed(carried.stream().map(Message::id).toList(), detail, now);
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
	private void outageSpent(Claim claim, List<Message> carried, String detail, Instant now, boolean firstTime) {
		List<UUID> ids = carried.stream().map(Message::id).toList();
		boolean atOnce = carried.get(0).kind().goesAtOnce();
		waitOut(claim, ids, detail, now);
		if (!firstTime) {
			return;
		}
		if (carried.stream().allMatch((message) -> message.kind() == MessageKind.PAGE)) {
			pageNextLevelNow(ids, now);
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
		else if (claim.patientId() != null && !outageTaskOpen(claim.patientId())) {
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

	/**
	 * Whether the front desk already has an open task about a waiting message of the
	 * patient.
	 */
	private boolean outageTaskOpen(UUID patientId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM staff_task WHERE patient_id = ? AND status = 'OPEN' AND origin LIKE 'OUTAGE:%'
				""").param(patientId).query(Integer.class).single() > 0;
	}

	/**
	 * The next level of the alerts these pages were for is paged now rather than after
	 * the escalation period (from level 3 on everyone is paged already, again every
	 * period).
	 */
	private void pageNextLevelNow(List<UUID> pageMessageIds, Instant now) {
		this.jdbc.sql("""
				UPDATE alert SET next_escalation_at = :now
				WHERE status = 'OPEN' AND next_escalation_at > :now AND paging_level < :everyone
				AND alert_id IN (SELECT p.alert_id FROM page p WHERE p.message_id IN (:ids)
					AND p.level = alert.paging_level)
				""")
			.param("now", ts(now))
			.param("everyone", Escalation.LAST_LEVEL)
			.param("ids", pageMessageIds)
			.update();
	}

	private void fallBack(Claim claim, List<Message> carried, Map<String, Object> delivery, String reason,
			String detail, Instant now) {
		// a message the provider may have after all (a send that timed out or lost the
		// connection after its content) is not sent again another way: a person checks
		boolean maybeTaken = mayHaveBeenTaken(claim);
		if (!maybeTaken && moveAway(claim, carried, delivery, detail, now)) {
			return;
		}
		List<String> tried = new ArrayList<>(triedChannels(delivery.get("channels_tried")));
		tried.add(claim.channel());
		this.jdbc.sql("""
				UPDATE delivery SET status = 'UNDELIVERABLE', channels_tried = ?, last_error = ?, lease_until = NULL,
					claim_id = NULL WHERE delivery_id = ?
				""").params(tried.toArray(String[]::new), detail, claim.deliveryId()).update();
		undeliverable(claim.patientId(), carried, reason, tried, claim.deliveryId(), now, maybeTaken);
	}

	/**
	 * A failed attempt that will be retried: the messages show it until they are sent.
	 */
	private void failed(List<UUID> ids, String detail, Instant now) {
		this.jdbc.sql("""
				UPDATE message SET status = 'FAILED', status_reason = :detail, updated_at = :now
				WHERE message_id IN (:ids) AND status IN ('QUEUED', 'FAILED')
				""").param("detail", detail).param("now", ts(now)).param("ids", ids).update();
	}

	private static List<String> triedChannels(Object column) {
		try {
			return (column instanceof java.sql.Array array) ? Arrays.asList((String[]) array.getArray()) : List.of();
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
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
			pageNextLevelNow(ids, now);
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

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	/**
	 * A delivery this dispatcher holds.
	 * @param deliveryId the delivery
	 * @param claimId the claim; only its holder may record the outcome
	 * @param patientId the patient
	 * @param channel the channel to try
	 * @param attempt the attempt number on that channel
	 */
	/** What one pass claimed, and how many due rows it dealt with (sent or moved on). */
	private record Batch(List<Claim> claims, int considered) {
	}

	private record Pass(int considered, int tried) {
	}

	record Claim(UUID deliveryId, UUID claimId, UUID patientId, String channel, int attempt) {
	}

}
