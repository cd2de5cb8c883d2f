package org.ketaclinic.followup.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.followup.policy.MessageKind;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.security.InCallersClinics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every planned message, with its status. */
@Repository
public class Messages {

	private static final List<String> AT_ONCE = MessageKind.namesGoingAtOnce();

	private static final List<String> ABOUT_APPOINTMENTS = MessageKind.names(MessageKind::isAboutAppointments);

	private final JdbcClient jdbc;

	private final ClinicScope scope;

	Messages(JdbcClient jdbc, ClinicScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	/**
	 * Plans a message once: a second plan with the same origin (a redelivered event) is
	 * ignored.
	 */
	void plan(UUID patientId, MessageKind kind, UUID sessionId, UUID checkInId, String replyTo, String origin,
			Instant dueAt, Instant scheduledFor, String status, String reason, Instant now) {
		plan(patientId, kind, sessionId, checkInId, replyTo, origin, dueAt, scheduledFor, status, reason, now, null);
	}

	/**
	 * Plans a message in a given clinic (a page, in its alert's), else in the patient's
	 * clinic, else the default one while follow-up does not know the patient yet.
	 */
	void plan(UUID patientId, MessageKind kind, UUID sessionId, UUID checkInId, String replyTo, String origin,
			Instant dueAt, Instant scheduledFor, String status, String reason, Instant now, String clinicId) {
		this.jdbc.sql("""
				INSERT INTO message (message_id, patient_id, kind, session_id, check_in_id, reply_to, origin, due_at,
					scheduled_for, status, status_reason, created_at, updated_at, clinic_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
					COALESCE(?, (SELECT p.clinic_id FROM patient p WHERE p.patient_id = ?), ?))
				ON CONFLICT (origin) DO NOTHING
				""")
			.params(UUID.randomUUID(), patientId, kind.name(), sessionId, checkInId, replyTo, origin,
					Timestamp.from(dueAt), Timestamp.from(scheduledFor), status, reason, Timestamp.from(now),
					Timestamp.from(now), clinicId, patientId, this.scope.defaultClinic())
			.update();
	}

	/** How many messages of a kind were planned to a number since a moment. */
	long toNumberSince(String phone, MessageKind kind, Instant since) {
		return this.jdbc.sql("SELECT count(*) FROM message WHERE reply_to = ? AND kind = ? AND created_at > ?")
			.params(phone, kind.name(), Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/** The message planned by an origin. */
	UUID idOf(String origin) {
		return this.jdbc.sql("SELECT message_id FROM message WHERE origin = ?")
			.param(origin)
			.query(UUID.class)
			.single();
	}

	/** Cancels the messages of a session not yet on their way. */
	int cancelForSession(UUID sessionId, String reason, Instant now) {
		return this.jdbc.sql("""
				UPDATE message SET status = 'CANCELLED', status_reason = ?, updated_at = ?
				WHERE session_id = ? AND status = 'PLANNED'
				""").params(reason, Timestamp.from(now), sessionId).update();
	}

	/** Cancels the link message of a check-in not yet sent. */
	public int cancelForCheckIn(UUID checkInId, String reason, Instant now) {
		return this.jdbc.sql("""
				UPDATE message SET status = 'CANCELLED', status_reason = ?, updated_at = ?
				WHERE check_in_id = ? AND status = 'PLANNED'
				""").params(reason, Timestamp.from(now), checkInId).update();
	}

	/** The patient's planned messages, for moving out of quiet hours again. */
	List<Message> plannedFor(UUID patientId) {
		return this.jdbc.sql("SELECT * FROM message WHERE patient_id = ? AND status = 'PLANNED'")
			.param(patientId)
			.query(Messages::message)
			.list();
	}

	/** Moves a planned message to a new sending time. */
	public void reschedule(UUID messageId, Instant scheduledFor, Instant now) {
		this.jdbc
			.sql("UPDATE message SET scheduled_for = ?, updated_at = ? WHERE message_id = ? AND status = 'PLANNED'")
			.params(Timestamp.from(scheduledFor), Timestamp.from(now), messageId)
			.update();
	}

	/** Ends planned or queued messages with a final status and its reason. */
	public void finish(Collection<UUID> messageIds, String status, String reason, Instant now) {
		if (messageIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				UPDATE message SET status = :status, status_reason = :reason, updated_at = :now
				WHERE message_id IN (:ids) AND status IN ('PLANNED', 'QUEUED', 'FAILED')
				""")
			.param("status", status)
			.param("reason", reason)
			.param("now", Timestamp.from(now))
			.param("ids", messageIds)
			.update();
	}

	/**
	 * A patient's messages, planned and sent, in order of sending; pages to clinicians
	 * about the patient are not the patient's messages. Only of the current caller's
	 * clinics.
	 */
	@InCallersClinics
	public List<Message> forPatient(UUID patientId) {
		return this.jdbc.sql("""
				SELECT * FROM message WHERE patient_id = ? AND kind <> 'PAGE' AND clinic_id = ANY(?)
				ORDER BY scheduled_for, kind
				""").params(patientId, this.scope.sqlArray()).query(Messages::message).list();
	}

	/** The messages a delivery carries. */
	public List<Message> inDelivery(UUID deliveryId) {
		return this.jdbc.sql("SELECT * FROM message WHERE delivery_id = ? ORDER BY scheduled_for")
			.param(deliveryId)
			.query(Messages::message)
			.list();
	}

	/**
	 * Planned messages due by {@code now}, of the kinds that go at once (pages and
	 * replies) or of all the others, oldest first, locked for the dispatcher's claim.
	 */
	public List<Message> dueToSend(boolean atOnce, Instant now, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT * FROM message WHERE status = 'PLANNED' AND scheduled_for <= :now AND kind "
					+ (atOnce ? "IN" : "NOT IN")
					+ " (:atOnce) ORDER BY scheduled_for LIMIT :limit FOR UPDATE SKIP LOCKED")
			.param("now", Timestamp.from(now))
			.param("atOnce", AT_ONCE)
			.param("limit", limit)
			.query(Messages::message)
			.list();
	}

	/**
	 * A patient's planned messages about appointments due after {@code after} and by
	 * {@code until}, locked: sent in the same text as one due now.
	 */
	public List<Message> appointmentMessagesDue(UUID patientId, Instant after, Instant until) {
		return this.jdbc.sql("""
				SELECT * FROM message WHERE patient_id = :patient AND status = 'PLANNED' AND scheduled_for > :after
				AND scheduled_for <= :until AND kind IN (:kinds)
				FOR UPDATE SKIP LOCKED
				""")
			.param("patient", patientId)
			.param("after", Timestamp.from(after))
			.param("until", Timestamp.from(until))
			.param("kinds", ABOUT_APPOINTMENTS)
			.query(Messages::message)
			.list();
	}

	/** The messages go in a delivery by a channel. */
	public void queue(Collection<UUID> messageIds, UUID deliveryId, String channel, Instant now) {
		this.jdbc.sql("""
				UPDATE message SET status = 'QUEUED', delivery_id = :delivery, channel = :channel, updated_at = :now
				WHERE message_id IN (:ids)
				""")
			.param("delivery", deliveryId)
			.param("channel", channel)
			.param("now", Timestamp.from(now))
			.param("ids", messageIds)
			.update();
	}

	/** The provider took ({@code SENT}) or delivered ({@code DELIVERED}) the messages. */
	public void sent(Collection<UUID> messageIds, String status, String channel, Instant now) {
		this.jdbc.sql("""
				UPDATE message SET status = :status, channel = :channel, updated_at = :now
				WHERE message_id IN (:ids) AND status IN ('QUEUED', 'FAILED')
				""")
			.param("status", status)
			.param("channel", channel)
			.param("now", Timestamp.from(now))
			.param("ids", messageIds)
			.update();
	}

	/**
	 * An attempt failed and will be retried: the messages show it until they are sent.
	 */
	public void failed(Collection<UUID> messageIds, String detail, Instant now) {
		this.jdbc.sql("""
				UPDATE message SET status = 'FAILED', status_reason = :detail, updated_at = :now
				WHERE message_id IN (:ids) AND status IN ('QUEUED', 'FAILED')
				""").param("detail", detail).param("now", Timestamp.from(now)).param("ids", messageIds).update();
	}

	static Message message(ResultSet rs, int row) throws SQLException {
		Timestamp due = rs.getTimestamp("due_at");
		return new Message(rs.getObject("message_id", UUID.class), rs.getObject("patient_id", UUID.class),
				MessageKind.valueOf(rs.getString("kind")), rs.getObject("session_id", UUID.class),
				rs.getObject("check_in_id", UUID.class), rs.getString("reply_to"), due.toInstant(),
				rs.getTimestamp("scheduled_for").toInstant(), rs.getString("status"), rs.getString("status_reason"),
				rs.getString("channel"), rs.getObject("delivery_id", UUID.class));
	}

}
