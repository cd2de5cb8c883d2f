package org.ketaclinic.followup.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.message.PlanningMessages;
import org.ketaclinic.followup.policy.Escalation;
import org.ketaclinic.followup.policy.OnCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pages the on-call roster about urgent alerts and escalates until one is acknowledged. A
 * page is a text planned in the alert's transaction and sent by the dispatcher (leased,
 * with the provider's idempotency key, at once whatever the hour or budget). Escalation
 * state is on the alert row ({@code paging_level}, {@code next_escalation_at}); each pass
 * claims due alerts with {@code FOR UPDATE SKIP LOCKED} and plans the next level's pages
 * in the same transaction, so two instances never page one level twice, and a restart
 * loses nothing. After level 3 everyone is paged again every period until somebody
 * acknowledges. When nobody at all is on call, the alert says so ({@code unpaged_since}),
 * the clinicians and front desk get an urgent task to call the on-call clinician, and
 * {@code ketaclinic.followup.alerts.unpaged} counts it.
 */
@Service
public class Paging {

	private static final Logger log = LoggerFactory.getLogger(Paging.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final OnCallRoster roster;

	private final PlanningMessages planning;

	private final Escalation escalation;

	private final int batchSize;

	private final Clock clock;

	private final StaffTasks tasks;

	private final Counter unpaged;

	Paging(JdbcClient jdbc, TransactionTemplate transactions, OnCallRoster roster, PlanningMessages planning,
			FollowupProperties properties, Clock clock, StaffTasks tasks, MeterRegistry meters) {
		this.tasks = tasks;
		this.unpaged = Counter.builder("ketaclinic.followup.alerts.unpaged")
			.description("Urgent alerts for which nobody on call could be paged")
			.register(meters);
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.roster = roster;
		this.planning = planning;
		this.escalation = properties.paging().escalation();
		this.batchSize = properties.paging().batchSize();
		this.clock = clock;
	}

	/** Pages the first level about a new urgent alert; in the caller's transaction. */
	void start(UUID alertId, UUID patientId, UUID locationId, String clinicId, Instant now) {
		pageFrom(alertId, patientId, locationId, clinicId, 1, now);
	}

	/** The alert a page message is about, for the link in the page. */
	public Optional<UUID> alertOf(UUID pageMessageId) {
		return this.jdbc.sql("SELECT alert_id FROM page WHERE message_id = ?")
			.param(pageMessageId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * The pages could not go (or not yet): the next level of the alerts they were for is
	 * paged now rather than after the escalation period (from level 3 on everyone is
	 * paged already, again every period).
	 */
	public void escalateNow(Collection<UUID> pageMessageIds, Instant now) {
		this.jdbc.sql("""
				UPDATE alert SET next_escalation_at = :now
				WHERE status = 'OPEN' AND next_escalation_at > :now AND paging_level < :everyone
				AND alert_id IN (SELECT p.alert_id FROM page p WHERE p.message_id IN (:ids)
					AND p.level = alert.paging_level)
				""")
			.param("now", Timestamp.from(now))
			.param("everyone", Escalation.LAST_LEVEL)
			.param("ids", pageMessageIds)
			.update();
	}

	/**
	 * Escalates every open alert whose next escalation is due.
	 * @return how many alerts were escalated
	 */
	public int escalateDue() {
		int escalated = 0;
		for (int pass = 0; pass < 100; pass++) {
			Integer done = this.transactions.execute((status) -> escalateOnce());
			if (done == null || done == 0) {
				break;
			}
			escalated += done;
		}
		return escalated;
	}

	private int escalateOnce() {
		Instant now = this.clock.instant();
		List<Map<String, Object>> due = this.jdbc.sql("""
				SELECT alert_id, patient_id, location_id, paging_level, clinic_id FROM alert
				WHERE status = 'OPEN' AND next_escalation_at IS NOT NULL AND next_escalation_at <= ?
				ORDER BY next_escalation_at LIMIT ? FOR UPDATE SKIP LOCKED
				""").params(Timestamp.from(now), this.batchSize).query().listOfRows();
		for (Map<String, Object> alert : due) {
			int level = ((Number) Objects.requireNonNullElse(alert.get("paging_level"), 0)).intValue();
			pageFrom((UUID) alert.get("alert_id"), (UUID) alert.get("patient_id"), (UUID) alert.get("location_id"),
					(String) alert.get("clinic_id"), level + 1, now);
		}
		return due.size();
	}

	/**
	 * Pages a level; a level with nobody on call passes straight to the next one. With
	 * nobody on call at all, the alert is marked unpaged, an urgent task asks staff to
	 * call the on-call clinician, and the alert is tried again after the escalation
	 * period.
	 */
	private void pageFrom(UUID alertId, UUID patientId, UUID locationId, String clinicId, int first, Instant now) {
		// the alert's clinic's people only: another clinic's on-call does not know the
		// patient, and must not learn of the alert
		List<OnCall.Entry> roster = this.roster.entries(clinicId);
		for (int level = first; level <= Math.max(first, Escalation.LAST_LEVEL); level++) {
			List<OnCall.Entry> recipients = OnCall.toPage(roster, locationId, this.escalation.rolesAt(level), now);
			if (recipients.isEmpty()) {
				continue;
			}
			for (OnCall.Entry entry : recipients) {
				UUID pageId = UUID.randomUUID();
				UUID messageId = this.planning.page(patientId, entry.phone(),
						"PAGE:" + alertId + ":" + level + ":" + entry.id(), clinicId);
				this.jdbc.sql("""
						INSERT INTO page (page_id, alert_id, level, role, entry_id, message_id, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id, level, entry_id) DO NOTHING
						""")
					.params(pageId, alertId, level, entry.role().name(), entry.id(), messageId, Timestamp.from(now))
					.update();
			}
			this.jdbc.sql(
					"UPDATE alert SET paging_level = ?, next_escalation_at = ?, unpaged_since = NULL WHERE alert_id = ?")
				.params(level, Timestamp.from(this.escalation.nextAfter(level, now)), alertId)
				.update();
			log.info("Alert {} paged level {} ({} people)", alertId, level, recipients.size());
			return;
		}
		log.warn("Alert {} could page nobody: no one is on call; trying again in {}", alertId, this.escalation.after());
		Timestamp retry = Timestamp.from(now.plus(this.escalation.after()));
		int firstTime = this.jdbc.sql("""
				UPDATE alert SET paging_level = ?, next_escalation_at = ?, unpaged_since = ?
				WHERE alert_id = ? AND unpaged_since IS NULL
				""").params(first - 1, retry, Timestamp.from(now), alertId).update();
		if (firstTime == 0) {
			this.jdbc.sql("UPDATE alert SET paging_level = ?, next_escalation_at = ? WHERE alert_id = ?")
				.params(first - 1, retry, alertId)
				.update();
			return;
		}
		// made visible at once, once per alert: a task for whoever reads the lists now
		this.unpaged.increment();
		this.tasks.openUrgent(patientId, "CALL_ON_CALL",
				"Nobody on call could be paged for an urgent alert: call the on-call clinician. The alert is open in"
						+ " the clinicians' alerts (" + alertId + "); the on-call roster has nobody on call now.",
				"UNPAGED:" + alertId);
	}

	/**
	 * The alert was acknowledged: escalation stops, its pages are marked and no page not
	 * yet sent goes out: planned, queued and failed-to-be-retried texts are cancelled (a
	 * delivery left with nothing to carry is cancelled by the dispatcher). In the
	 * caller's transaction.
	 */
	void stop(UUID alertId, Instant now) {
		this.jdbc.sql("UPDATE alert SET next_escalation_at = NULL WHERE alert_id = ?").param(alertId).update();
		this.jdbc.sql("UPDATE page SET acknowledged_at = ? WHERE alert_id = ? AND acknowledged_at IS NULL")
			.params(Timestamp.from(now), alertId)
			.update();
		this.jdbc.sql("""
				UPDATE message SET status = 'CANCELLED', status_reason = 'ACKNOWLEDGED', updated_at = ?
				WHERE message_id IN (SELECT message_id FROM page WHERE alert_id = ?)
					AND status IN ('PLANNED', 'QUEUED', 'FAILED')
				""").params(Timestamp.from(now), alertId).update();
	}

	/** The pages of some alerts, by alert, oldest first. */
	public Map<UUID, List<Page>> pagesOf(Collection<UUID> alertIds) {
		if (alertIds.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("""
				SELECT p.page_id, p.alert_id, p.role, p.level, o.name, m.status, d.sent_at, p.acknowledged_at
				FROM page p JOIN on_call o ON o.entry_id = p.entry_id JOIN message m ON m.message_id = p.message_id
				LEFT JOIN delivery d ON d.delivery_id = m.delivery_id AND d.status IN ('SENT', 'DELIVERED')
				WHERE p.alert_id IN (:ids) ORDER BY p.created_at, p.level, p.role
				""").param("ids", alertIds).query((rs, row) -> {
			Timestamp sent = rs.getTimestamp("sent_at");
			Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
			return new Page(rs.getObject("page_id", UUID.class), rs.getObject("alert_id", UUID.class),
					rs.getString("role"), rs.getInt("level"), rs.getString("name"), rs.getString("status"),
					(sent != null) ? sent.toInstant() : null, (acknowledged != null) ? acknowledged.toInstant() : null);
		}).list().stream().collect(Collectors.groupingBy(Page::alertId));
	}

}
