package org.ketaclinic.followup.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.followup.policy.OnCall;
import org.ketaclinic.followup.policy.OnCallRole;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The on-call roster: who an urgent alert pages, by location (or clinic-wide), role and
 * time window. Removed entries stay, marked, for the record of who was paged.
 */
@Repository
public class OnCallRoster {

	private final JdbcClient jdbc;

	private final Clock clock;

	OnCallRoster(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Every entry in force (not removed), newest first. */
	public List<OnCall.Entry> entries() {
		return this.jdbc.sql("SELECT * FROM on_call WHERE removed_at IS NULL ORDER BY created_at DESC, entry_id")
			.query(OnCallRoster::entry)
			.list();
	}

	public Optional<OnCall.Entry> find(UUID entryId) {
		return this.jdbc.sql("SELECT * FROM on_call WHERE entry_id = ? AND removed_at IS NULL")
			.param(entryId)
			.query(OnCallRoster::entry)
			.optional();
	}

	/** Adds an entry; with a fixed id, once (a seed). */
	@Transactional
	public OnCall.Entry add(UUID entryId, UUID locationId, OnCallRole role, String name, String phone, Instant from,
			Instant until, String by) {
		this.jdbc
			.sql("""
					INSERT INTO on_call (entry_id, location_id, role, name, phone, from_at, until_at, created_at, created_by)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING
					""")
			.params(entryId, locationId, role.name(), name, phone, ts(from), ts(until), ts(this.clock.instant()), by)
			.update();
		return new OnCall.Entry(entryId, locationId, role, name, phone, from, until);
	}

	/**
	 * Whether removing this entry would leave nobody as primary on call now (at any
	 * location or clinic-wide). Locks the primaries in force, so two removals at once
	 * cannot both pass; in the caller's transaction.
	 */
	@Transactional
	public boolean isLastPrimaryOnCall(UUID entryId) {
		Instant now = this.clock.instant();
		List<OnCall.Entry> primaries = this.jdbc
			.sql("SELECT * FROM on_call WHERE removed_at IS NULL AND role = 'PRIMARY' ORDER BY entry_id FOR UPDATE")
			.query(OnCallRoster::entry)
			.list()
			.stream()
			.filter((entry) -> entry.covers(now))
			.toList();
		return primaries.stream().anyMatch((entry) -> entry.id().equals(entryId))
				&& primaries.stream().allMatch((entry) -> entry.id().equals(entryId));
	}

	/**
	 * Removes an entry.
	 * @return whether it existed (removed now or before)
	 */
	@Transactional
	public boolean remove(UUID entryId, String by) {
		this.jdbc.sql("UPDATE on_call SET removed_at = ?, removed_by = ? WHERE entry_id = ? AND removed_at IS NULL")
			.params(ts(this.clock.instant()), by, entryId)
			.update();
		return this.jdbc.sql("SELECT count(*) FROM on_call WHERE entry_id = ?")
			.param(entryId)
			.query(Integer.class)
			.single() > 0;
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static OnCall.Entry entry(ResultSet rs, int row) throws SQLException {
		return new OnCall.Entry(rs.getObject("entry_id", UUID.class), rs.getObject("location_id", UUID.class),
				OnCallRole.valueOf(rs.getString("role")), rs.getString("name"), rs.getString("phone"),
				instant(rs, "from_at"), instant(rs, "until_at"));
	}

}
