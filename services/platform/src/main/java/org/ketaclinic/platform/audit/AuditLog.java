package org.ketaclinic.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.ketaclinic.platform.events.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records who read or changed which patient's data, and every refused request, as a hash
 * chain (ADR 10).
 * <ul>
 * <li>{@link #recordChange} is called inside the transaction of the change, so the change
 * and its entry commit or roll back together; it refuses to run outside one.</li>
 * <li>{@link #record} (reads) joins the caller's transaction if there is one, else
 * commits the entry on its own.</li>
 * <li>{@link #recordRefusal} (401, 403) commits in a transaction of its own, within a
 * rate budget, and never fails the response.</li>
 * </ul>
 * Appending takes a transaction-scoped advisory lock, reads the newest entry's hash and
 * writes the new entry with its own: entries are chained in commit order and concurrent
 * requests cannot fork the chain. The lock is held until the surrounding transaction
 * ends, so a change records its entry last.
 */
public class AuditLog {

	/** Key of the advisory lock that serializes appends ("KCAUDIT1"). */
	static final long CHAIN_LOCK = 0x4B43_4155_4449_5431L;

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private static final int MAX_PATH = 200;

	private static final RowMapper<AuditEntry> ENTRY = (rs, row) -> entry(rs);

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate joining;

	private final TransactionTemplate separate;

	private final TransactionTemplate reading;

	private final RefusalBudget refusals;

	public AuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditProperties properties) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(jdbc.getDataSource());
		this.streaming.setFetchSize(500);
		this.joining = new TransactionTemplate(transactions);
		this.separate = new TransactionTemplate(transactions);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.reading.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.refusals = new RefusalBudget(properties.refusalsPerSecond());
	}

	/**
	 * Records a change of patient data by the current caller, in the transaction of the
	 * change.
	 * @param patientId whose data (may be null for a change that concerns no single
	 * patient)
	 * @param action what was done, in upper snake case
	 * @param resource what was touched, e.g. {@code submission/<id>}
	 * @throws IllegalTransactionStateException when no transaction is active: an entry
	 * written after the change committed could be lost, or outlive a rolled-back change
	 */
	public void recordChange(UUID patientId, String action, String resource) {
		recordChange(null, patientId, action, resource);
	}

	/**
	 * Records a change of the data of a patient of this clinic, in the transaction of the
	 * change; only that clinic's administrators read the entry.
	 * @param clinicId the patient's clinic (null: none)
	 * @param patientId whose data (may be null)
	 * @param action what was done, in upper snake case
	 * @param resource what was touched
	 * @throws IllegalTransactionStateException when no transaction is active
	 */
	public void recordChange(String clinicId, UUID patientId, String action, String resource) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalTransactionStateException(
					"A change is audited inside its own transaction (" + action + ")");
		}
		append(Caller.current(), clinicId, patientId, action, resource, AuditEntry.OK);
	}

	/**
	 * Records a read of patient data by the current caller: in the caller's transaction
	 * if one is active, else on its own.
	 * @param patientId whose data (may be null for access that concerns no single
	 * patient)
	 * @param action what was done, in upper snake case
	 * @param resource what was touched, e.g. {@code submission/<id>}
	 */
	public void record(UUID patientId, String action, String resource) {
		record(null, patientId, action, resource);
	}

	/**
	 * Records a read of the data of a patient of this clinic by the current caller; only
	 * that clinic's administrators read the entry.
	 * @param clinicId the patient's clinic (null: none)
	 * @param patientId whose data (may be null)
	 * @param action what was done, in upper snake case
	 * @param resource what was touched
	 */
	public void record(String clinicId, UUID patientId, String action, String resource) {
		Caller caller = Caller.current();
		this.joining
			.executeWithoutResult((status) -> append(caller, clinicId, patientId, action, resource, AuditEntry.OK));
	}

	/**
	 * Records a refused request (401 or 403) in a transaction of its own: who, if known,
	 * and the method and path, never the query string or body. Within
	 * {@link AuditProperties#refusalsPerSecond()} each refusal is one insert; beyond it
	 * they are counted and recorded as one entry later. A failure to record is logged and
	 * swallowed: the refusal is answered all the same.
	 * @param outcome {@link AuditEntry#UNAUTHENTICATED} or {@link AuditEntry#FORBIDDEN}
	 * @param method the HTTP method
	 * @param path the request path without its query string
	 */
	public void recordRefusal(String outcome, String method, String path) {
		long skipped = this.refusals.take();
		if (skipped < 0) {
			return;
		}
		Caller current = Caller.current();
		// a request refused for want of a valid token has no authentication at all
		Caller caller = (current == Caller.SYSTEM) ? Caller.ANONYMOUS : current;
		String resource = safe(method, 10) + " " + safe(path, MAX_PATH);
		try {
			this.separate.executeWithoutResult((status) -> {
				if (skipped > 0) {
					append(Caller.SYSTEM, null, null, "ACCESS_REFUSALS_NOT_RECORDED", "count=" + skipped,
							AuditEntry.OK);
				}
				append(caller, null, null, "ACCESS_REFUSED", resource, outcome);
			});
		}
		catch (DataAccessException ex) {
			this.refusals.giveBack(skipped + 1);
			log.warn("A refused request could not be audited ({})", ex.getClass().getSimpleName());
		}
	}

	private void append(Caller caller, String clinicId, UUID patientId, String action, String resource,
			String outcome) {
		Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
		if (isolation != null && isolation >= TransactionDefinition.ISOLATION_REPEATABLE_READ) {
			// the head read below must see the entry committed just before the lock was
			// granted; a transaction snapshot older than the lock would fork the chain
			throw new IllegalTransactionStateException("The audit log is appended under READ COMMITTED only");
		}
		this.jdbc.query("SELECT pg_advisory_xact_lock(?)", (ResultSet rs) -> null, CHAIN_LOCK);
		// a statement of its own after the lock, so its snapshot sees the entry the lock
		// holder before us committed
		Head head = this.jdbc.queryForObject(
				"SELECT (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1) AS prev_hash,"
						+ " nextval(pg_get_serial_sequence('audit_event', 'id')) AS id, now() AS occurred_at",
				(rs, row) -> new Head(rs.getString("prev_hash"), rs.getLong("id"),
						rs.getObject("occurred_at", OffsetDateTime.class).toInstant()));
		String correlationId = TraceContext.current().map(TraceContext::correlationId).orElse(null);
		String hash = AuditChain.hash(head.id(), head.occurredAt(), caller.subject(), caller.name(), caller.roles(),
				patientId, action, resource, correlationId, outcome, clinicId, head.prevHash());
		this.jdbc.update(
				"INSERT INTO audit_event (id, occurred_at, actor, actor_name, roles, patient_id, action,"
						+ " resource, correlation_id, outcome, prev_hash, hash, clinic_id)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				head.id(), head.occurredAt().atOffset(ZoneOffset.UTC), caller.subject(), caller.name(), caller.roles(),
				patientId, action, resource, correlationId, outcome, head.prevHash(), hash, clinicId);
	}

	/**
	 * The entries an administrator of these clinics reads (ADR 12): those of their
	 * clinics' patients, and those that concern no patient at all (refusals, system
	 * entries). An entry about a patient that names no clinic (written before clinics) is
	 * read by administrators of the default clinic only.
	 */
	private static final String VISIBLE = " AND (clinic_id = ANY(?) OR (clinic_id IS NULL AND patient_id IS NULL)"
			+ " OR (clinic_id IS NULL AND ? = ANY(?)))";

	/** The newest entries about one patient that these clinics' administrators read. */
	public List<AuditEntry> forPatient(UUID patientId, Visibility visibility, int limit) {
		return this.jdbc.query("SELECT * FROM audit_event WHERE patient_id = ?" + VISIBLE + " ORDER BY id DESC LIMIT ?",
				ENTRY, patientId, visibility.clinics(), visibility.defaultClinic(), visibility.clinics(), limit);
	}

	/**
	 * The newest entries of one user or client, by subject, these administrators read.
	 */
	public List<AuditEntry> byActor(String actor, Visibility visibility, int limit) {
		return this.jdbc.query("SELECT * FROM audit_event WHERE actor = ?" + VISIBLE + " ORDER BY id DESC LIMIT ?",
				ENTRY, actor, visibility.clinics(), visibility.defaultClinic(), visibility.clinics(), limit);
	}

	/** The newest entries since a point in time these administrators read. */
	public List<AuditEntry> since(Timestamp since, Visibility visibility, int limit) {
		return this.jdbc.query(
				"SELECT * FROM audit_event WHERE occurred_at >= ?" + VISIBLE + " ORDER BY id DESC LIMIT ?", ENTRY,
				since, visibility.clinics(), visibility.defaultClinic(), visibility.clinics(), limit);
	}

	/**
	 * Whose entries an administrator reads.
	 *
	 * @param clinics the administrator's clinics
	 * @param defaultClinic the clinic of entries written before clinics
	 */
	public record Visibility(String[] clinics, String defaultClinic) {

	}

	/**
	 * Walks the whole chain in order and recomputes every hash.
	 * @return verified, or the first entry whose hash or link does not hold
	 */
	public Verification verify() {
		return this.reading.execute((status) -> {
			Walk walk = new Walk();
			this.streaming.query("SELECT * FROM audit_event ORDER BY id", (ResultSet rs) -> {
				if (walk.broken == null) {
					walk.check(entry(rs));
				}
			});
			return new Verification(walk.broken == null, walk.rows, walk.broken, walk.reason, guard());
		});
	}

	/**
	 * Every entry that occurred in {@code [from, to)} these administrators read, in chain
	 * order, with its hashes. An administrator of every clinic gets the unbroken chain;
	 * one clinic's export skips the others' entries, so each entry's hash can be
	 * recomputed from it and its {@code prevHash}, but the links between them only by an
	 * administrator of every clinic or the verification endpoint.
	 */
	public void export(Instant from, Instant to, Visibility visibility, Consumer<AuditEntry> sink) {
		this.reading.executeWithoutResult((status) -> this.streaming.query(
				"SELECT * FROM audit_event WHERE occurred_at >= ? AND occurred_at < ?" + VISIBLE + " ORDER BY id",
				(ResultSet rs) -> {
					sink.accept(entry(rs));
				}, Timestamp.from(from), Timestamp.from(to), visibility.clinics(), visibility.defaultClinic(),
				visibility.clinics()));
	}

	/**
	 * What keeps the application from changing its audit rows: {@code PRIVILEGES} when
	 * the table belongs to another role and this one may only insert and read, else
	 * {@code TRIGGERS} (the table's owner or a superuser could switch them off).
	 */
	private String guard() {
		Boolean canAlter = this.jdbc.queryForObject("SELECT pg_get_userbyid(c.relowner) = current_user"
				+ " OR has_table_privilege('audit_event', 'UPDATE') OR has_table_privilege('audit_event', 'DELETE')"
				+ " OR has_table_privilege('audit_event', 'TRUNCATE') FROM pg_class c WHERE c.oid = 'audit_event'::regclass",
				Boolean.class);
		return Boolean.TRUE.equals(canAlter) ? "TRIGGERS" : "PRIVILEGES";
	}

	private static AuditEntry entry(ResultSet rs) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("actor_name"), rs.getString("roles"),
				rs.getObject("patient_id", UUID.class), rs.getString("action"), rs.getString("resource"),
				rs.getString("correlation_id"), rs.getString("outcome"), rs.getString("prev_hash"),
				rs.getString("hash"), rs.getString("clinic_id"));
	}

	/** Printable ASCII only, at most {@code max} characters. */
	private static String safe(String value, int max) {
		if (value == null) {
			return "";
		}
		String printable = value.chars()
			.map((c) -> (c >= 0x20 && c < 0x7f) ? c : '?')
			.limit(max)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return (value.length() > max) ? printable + "…" : printable;
	}

	/**
	 * The chain's verdict.
	 *
	 * @param verified whether every entry's hash and link hold
	 * @param rows the entries checked (up to and including the first broken one)
	 * @param firstBrokenId the first entry whose hash does not match its content, or
	 * whose link does not match the entry before it (an entry before it was deleted)
	 * @param reason why it is broken, in words
	 * @param guardedBy {@code PRIVILEGES} or {@code TRIGGERS}: what keeps the application
	 * role from changing rows
	 */
	public record Verification(boolean verified, long rows, Long firstBrokenId, String reason, String guardedBy) {
	}

	private record Head(String prevHash, long id, Instant occurredAt) {
	}

	private static final class Walk {

		long rows;

		String previousHash;

		Long broken;

		String reason;

		void check(AuditEntry entry) {
			this.rows++;
			if (!Objects.equals(entry.prevHash(), this.previousHash)) {
				this.broken = entry.id();
				this.reason = (this.previousHash == null)
						? "the first entry links to an entry before it: entries before it were deleted"
						: "its link does not match the entry before it: an entry before it was deleted or changed";
			}
			else if (!AuditChain.hash(entry, this.previousHash).equals(entry.hash())) {
				this.broken = entry.id();
				this.reason = "its content does not match its hash: the entry was changed";
			}
			this.previousHash = entry.hash();
		}

	}

	/** Who the entry is about: subject, display name and roles. */
	record Caller(String subject, String name, String roles) {

		static final Caller SYSTEM = new Caller("system", null, "");

		static final Caller ANONYMOUS = new Caller("anonymous", null, "");

		static Caller current() {
			Authentication caller = SecurityContextHolder.getContext().getAuthentication();
			if (caller == null) {
				return SYSTEM;
			}
			if (caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
				return ANONYMOUS;
			}
			String roles = caller.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith("ROLE_"))
				.map((authority) -> authority.substring("ROLE_".length()))
				.sorted()
				.collect(Collectors.joining(","));
			if (caller instanceof JwtAuthenticationToken token) {
				Jwt jwt = token.getToken();
				String subject = (jwt.getSubject() != null) ? jwt.getSubject() : caller.getName();
				String name = jwt.getClaimAsString("preferred_username");
				if (name == null || name.isBlank()) {
					name = jwt.getClaimAsString("name");
				}
				return new Caller(subject, (name != null && !name.isBlank()) ? name : null, roles);
			}
			return new Caller(caller.getName(), null, roles);
		}

	}

	/**
	 * A one-second window of refusals to record one by one; the rest are counted.
	 */
	static final class RefusalBudget {

		private final int perSecond;

		private final LongSupplier seconds;

		private long window;

		private int used;

		private final AtomicLong skipped = new AtomicLong();

		RefusalBudget(int perSecond) {
			this(perSecond, () -> System.nanoTime() / 1_000_000_000L);
		}

		RefusalBudget(int perSecond, LongSupplier seconds) {
			this.perSecond = perSecond;
			this.seconds = seconds;
			this.window = seconds.getAsLong();
		}

		/**
		 * @return -1 to skip this refusal (counted), else how many were skipped before it
		 * and are now to be recorded as one entry
		 */
		synchronized long take() {
			long now = this.seconds.getAsLong();
			if (now != this.window) {
				this.window = now;
				this.used = 0;
			}
			if (this.used >= this.perSecond) {
				this.skipped.incrementAndGet();
				return -1;
			}
			this.used++;
			return this.skipped.getAndSet(0);
		}

		void giveBack(long count) {
			this.skipped.addAndGet(count);
		}

	}

}
