package org.ketaclinic.followup.delivery;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The deliveries (one send of one or more messages to one patient by one channel) and
 * their attempts: every statement on {@code delivery} and {@code delivery_attempt}. A
 * delivery is held by one claim at a time (its claim id and a lease). The methods on a
 * claim check it; those on a {@link Held} delivery run in the transaction that locked its
 * row with the claim checked ({@link #held}), so a dispatcher whose lease ran out changes
 * nothing.
 */
@Repository
class Deliveries {

	private static final String LIVE_SMS = """
			SELECT count(*) FROM delivery WHERE patient_id = ? AND channel = 'SMS' AND counts_to_budget
			AND status IN ('SENDING', 'RETRY', 'SENT', 'DELIVERED') AND local_day >= ? AND local_day <= ?
			""";

	private final JdbcClient jdbc;

	Deliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A new delivery, claimed by its creator from its first attempt.
	 * @return its claim
	 */
	Claim start(UUID patientId, String channel, boolean countsToBudget, LocalDate localDay, String clinicId,
			Instant now, Instant leaseUntil) {
		UUID deliveryId = UUID.randomUUID();
		UUID claimId = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO delivery (delivery_id, patient_id, channel, attempt, status, claim_id, lease_until,
					counts_to_budget, local_day, created_at, clinic_id)
				VALUES (?, ?, ?, 1, 'SENDING', ?, ?, ?, ?, ?, ?)
				""")
			.params(deliveryId, patientId, channel, claimId, ts(leaseUntil), countsToBudget, localDay, ts(now),
					clinicId)
			.update();
		return new Claim(deliveryId, claimId, patientId, channel, 1);
	}

	/**
	 * Claims deliveries due for another attempt, and those whose holder's lease ran out:
	 * those carrying pages and replies first, then the longest waiting.
	 */
	List<Claim> claimDue(Instant now, List<String> atOnceKinds, int limit, Instant leaseUntil) {
		List<Claim> claims = new ArrayList<>();
		List<Due> due = this.jdbc
			.sql("""
					SELECT d.delivery_id, d.patient_id, d.channel, d.attempt, d.status FROM delivery d
					WHERE (d.status = 'RETRY' AND d.next_attempt_at <= :now) OR (d.status = 'SENDING' AND d.lease_until <= :now)
					ORDER BY EXISTS (SELECT 1 FROM message m WHERE m.delivery_id = d.delivery_id AND m.kind IN (:atOnce)) DESC,
						d.created_at
					LIMIT :limit FOR UPDATE OF d SKIP LOCKED
					""")
			.param("now", ts(now))
			.param("atOnce", atOnceKinds)
			.param("limit", limit)
			.query((rs, row) -> new Due(rs.getObject("delivery_id", UUID.class), rs.getObject("patient_id", UUID.class),
					rs.getString("channel"), rs.getInt("attempt"), Status.valueOf(rs.getString("status"))))
			.list();
		for (Due delivery : due) {
			UUID claimId = UUID.randomUUID();
			// a retry is the next attempt; a delivery taken over from a lost holder
			// repeats the attempt it held
			int attempt = delivery.attempt() + ((delivery.status() == Status.RETRY) ? 1 : 0);
			this.jdbc
				.sql("""
						UPDATE delivery SET status = 'SENDING', claim_id = ?, lease_until = ?, attempt = ? WHERE delivery_id = ?
						""")
				.params(claimId, ts(leaseUntil), attempt, delivery.deliveryId())
				.update();
			claims.add(new Claim(delivery.deliveryId(), claimId, delivery.patientId(), delivery.channel(), attempt));
		}
		return claims;
	}

	/**
	 * Renews the claim's lease.
	 * @return false when the claim no longer holds the delivery
	 */
	boolean renew(Claim claim, Instant leaseUntil) {
		return this.jdbc.sql("""
				UPDATE delivery SET lease_until = ? WHERE delivery_id = ? AND claim_id = ? AND status = 'SENDING'
				""").params(ts(leaseUntil), claim.deliveryId(), claim.claimId()).update() > 0;
	}

	/** Hands a claim back at shutdown: its lease ends now. */
	void release(Claim claim, Instant now) {
		this.jdbc.sql("""
				UPDATE delivery SET lease_until = ? WHERE delivery_id = ? AND claim_id = ? AND status = 'SENDING'
				""").params(ts(now), claim.deliveryId(), claim.claimId()).update();
	}

	/**
	 * The held delivery, locked, if the claim still holds it (its lease may have run out
	 * and another dispatcher taken it over).
	 */
	Optional<Held> held(Claim claim) {
		return this.jdbc.sql("""
				SELECT channels_tried FROM delivery
				WHERE delivery_id = ? AND claim_id = ? AND status = 'SENDING' FOR UPDATE
				""")
			.params(claim.deliveryId(), claim.claimId())
			.query((rs, row) -> new Held(claim, channels(rs.getArray("channels_tried"))))
			.optional();
	}

	/** Nothing is left to carry (its messages were cancelled or skipped meanwhile). */
	void cancelEmpty(Claim claim) {
		this.jdbc
			.sql("UPDATE delivery SET status = 'CANCELLED', lease_until = NULL WHERE delivery_id = ? AND claim_id = ?")
			.params(claim.deliveryId(), claim.claimId())
			.update();
	}

	/** The patient withdrew every consent: the held delivery is not sent at all. */
	void cancel(Held held) {
		this.jdbc.sql("""
				UPDATE delivery SET status = 'CANCELLED', lease_until = NULL, claim_id = NULL WHERE delivery_id = ?
				""").params(held.claim().deliveryId()).update();
	}

	/**
	 * A retry that came due in the patient's quiet hours waits for the morning; its
	 * attempt is given back, not spent.
	 */
	void waitForMorning(Claim claim, Instant morning) {
		this.jdbc.sql("""
				UPDATE delivery SET status = 'RETRY', attempt = ?, next_attempt_at = ?, lease_until = NULL,
					claim_id = NULL WHERE delivery_id = ? AND claim_id = ? AND status = 'SENDING'
				""").params(claim.attempt() - 1, ts(morning), claim.deliveryId(), claim.claimId()).update();
	}

	/** Records an attempt and its outcome. */
	void attempted(Held held, Channel.Result result, Instant at) {
		Claim claim = held.claim();
		this.jdbc.sql("""
				INSERT INTO delivery_attempt (delivery_id, attempt, channel, outcome, detail, at, maybe_taken)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(claim.deliveryId(), claim.attempt(), claim.channel(), result.outcome().name(), result.detail(),
					ts(at), result.maybeTaken())
			.update();
	}

	/** The provider took it ({@code SENT}) or has delivered it ({@code DELIVERED}). */
	void sent(Held held, Status status, String providerId, Instant at) {
		this.jdbc.sql("""
				UPDATE delivery SET status = ?, sent_at = ?, provider_id = ?, lease_until = NULL, claim_id = NULL
				WHERE delivery_id = ?
				""").params(status.name(), ts(at), providerId, held.claim().deliveryId()).update();
	}

	/** A failed attempt: the next one on the same channel at {@code next}. */
	void retryAt(Held held, Instant next, String detail) {
		this.jdbc.sql("""
				UPDATE delivery SET status = 'RETRY', next_attempt_at = ?, last_error = ?, lease_until = NULL,
					claim_id = NULL WHERE delivery_id = ?
				""").params(ts(next), detail, held.claim().deliveryId()).update();
	}

	/**
	 * The provider is unavailable: tried on the same channel again at {@code next}, the
	 * attempt given back (an outage lasts as long as it lasts).
	 */
	void waitOut(Held held, Instant next, String detail) {
		Claim claim = held.claim();
		this.jdbc.sql("""
				UPDATE delivery SET status = 'RETRY', attempt = ?, next_attempt_at = ?, last_error = ?,
					lease_until = NULL, claim_id = NULL WHERE delivery_id = ?
				""").params(claim.attempt() - 1, ts(next), detail, claim.deliveryId()).update();
	}

	/** Moves to another channel, tried from its first attempt now. */
	void moveTo(Held held, String other, List<String> tried, Instant now, String detail) {
		this.jdbc.sql("""
				UPDATE delivery SET channel = ?, channels_tried = ?, attempt = 0, status = 'RETRY', next_attempt_at = ?,
					counts_to_budget = ?, last_error = ?, lease_until = NULL, claim_id = NULL WHERE delivery_id = ?
				""")
			.params(other, tried.toArray(String[]::new), ts(now), "SMS".equals(other), detail,
					held.claim().deliveryId())
			.update();
	}

	/** No channel is left: the delivery is given up. */
	void undeliverable(Held held, List<String> tried, String detail) {
		this.jdbc.sql("""
				UPDATE delivery SET status = 'UNDELIVERABLE', channels_tried = ?, last_error = ?, lease_until = NULL,
					claim_id = NULL WHERE delivery_id = ?
				""").params(tried.toArray(String[]::new), detail, held.claim().deliveryId()).update();
	}

	/**
	 * How many attempts on the held delivery's channel found its provider unavailable.
	 */
	int unavailableAttempts(Held held) {
		return this.jdbc.sql("""
				SELECT count(*) FROM delivery_attempt WHERE delivery_id = ? AND channel = ? AND outcome = 'UNAVAILABLE'
				""").params(held.claim().deliveryId(), held.claim().channel()).query(Integer.class).single();
	}

	/**
	 * Whether the provider of the held delivery's channel may have the message after all:
	 * an attempt on it timed out, or lost the connection after the content went.
	 */
	boolean mayHaveBeenTaken(Held held) {
		return this.jdbc.sql("""
				SELECT coalesce(bool_or(maybe_taken), false) FROM delivery_attempt WHERE delivery_id = ? AND channel = ?
				""").params(held.claim().deliveryId(), held.claim().channel()).query(Boolean.class).single();
	}

	/**
	 * The patient's SMS deliveries that count towards the budget, live or sent, on the
	 * patient's local days from {@code first} to {@code last}.
	 */
	int smsDeliveries(UUID patientId, LocalDate first, LocalDate last) {
		return this.jdbc.sql(LIVE_SMS).params(patientId, first, last).query(Integer.class).single();
	}

	private static List<String> channels(Array column) throws SQLException {
		return (column != null) ? Arrays.asList((String[]) column.getArray()) : List.of();
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	/** Where a delivery stands. */
	enum Status {

		/** held by a claim, being sent */
		SENDING,
		/** waiting for its next attempt */
		RETRY,
		/** the provider took it */
		SENT,
		/** the provider reported it delivered */
		DELIVERED,
		/** given up: no channel reached the patient */
		UNDELIVERABLE,
		/** not sent: nothing left to carry, or no consent */
		CANCELLED

	}

	/**
	 * A delivery a dispatcher holds.
	 *
	 * @param deliveryId the delivery
	 * @param claimId the claim; only its holder may record the outcome
	 * @param patientId the patient (none for a reply to a number no patient has)
	 * @param channel the channel to try, {@code SMS} or {@code EMAIL}
	 * @param attempt the attempt number on that channel
	 */
	record Claim(UUID deliveryId, UUID claimId, UUID patientId, String channel, int attempt) {
	}

	/**
	 * A delivery its claim still holds, locked in the current transaction.
	 *
	 * @param claim the claim
	 * @param channelsTried the channels it was tried on before its current one
	 */
	record Held(Claim claim, List<String> channelsTried) {

		/** The channels tried, its current one included. */
		List<String> triedWithCurrent() {
			List<String> tried = new ArrayList<>(this.channelsTried);
			tried.add(this.claim.channel());
			return List.copyOf(tried);
		}

	}

	private record Due(UUID deliveryId, UUID patientId, String channel, int attempt, Status status) {
	}

}
