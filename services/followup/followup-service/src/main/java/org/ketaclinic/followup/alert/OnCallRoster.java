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
 * The on-call roster: who an urgent alert pages, by clinic, location (or clinic-wide),
 * role and time window. Each entry belongs to a clinic (ADR 12): an alert pages its own
 * clinic's people only, and staff read and change their clinics' entries only. Removed
 * entries stay, marked, for the record of who was paged.
 */
@Repository
public class OnCallRoster {

	private final JdbcClient jdbc;

	private final Clock clock;

	OnCallRoster(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * One clinic's entries in force (not removed), newest first: whom its alerts page.
	 */
	public List<OnCall.Entry> entries(String clinicId) {
		return this.jdbc.sql("""
				SELECT * FROM on_call WHERE removed_at IS NULL AND clinic_id = ? ORDER BY created_at DESC, entry_id
				""").param(clinicId).query(OnCallRoster::entry).list();
	}

	/** The entries in force of these clinics (a caller's), newest first. */
	public List<OnCall.Entry> entriesOf(String[] clinics) {
		return this.jdbc.sql("""
				SELECT * FROM on_call WHERE removed_at IS NULL AND clinic_id = ANY(?)
				ORDER BY created_at DESC, entry_id
				""").param(clinics).query(OnCallRoster::entry).list();
	}

	/** An entry in force of one of these clinics (a caller's). */
	public Optional<OnCall.Entry> find(UUID entryId, String[] clinics) {
		return this.jdbc.sql("SELECT * FROM on_call WHERE entry_id = ? AND clinic_id = ANY(?) AND removed_at IS NULL")
			.params(entryId, clinics)
			.query(OnCallRoster::entry)
			.optional();
	}

	/** Adds an entry to a clinic's roster; with a fixed id, once (a seed). */
	@Transactional
	public OnCall.Entry add(UUID entryId, String clinicId, UUID locationId, OnCallRole role, String name, String phone,
			Instant from, Instant until, String by) {
		this.jdbc.sql("""
				INSERT INTO on_call (entry_id, clinic_id, location_id, role, name, phone, from_at, until_at, created_at,
					created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING
				""")
			.params(entryId, clinicId, locationId, role.name(), name, phone, ts(from), ts(until),
					ts(this.clock.instant()), by)
			.update();
		return new OnCall.Entry(entryId, clinicId, locationId, role, name, phone, from, until);
	}

	/**
	 * Whether removing this entry would leave its clinic with nobody as primary on call
	 * now (at any of its locations or clinic-wide). Locks the clinic's primaries in
	 * force, so two removals at once cannot both pass; in the caller's transaction.
	 */
	@Transactional
	public boolean isLastPrimaryOnCall(OnCall.Entry removed) {
		Instant now = this.clock.instant();
		UUID entryId = removed.id();
		List<OnCall.Entry> primaries = this.jdbc.sql("""
				SELECT * FROM on_call WHERE removed_at IS NULL AND role = 'PRIMARY' AND clinic_id = ?
				ORDER BY entry_id FOR UPDATE
				""")
			.param(removed.clinicId())
			.query(OnCallRoster::entry)
			.list()
			.stream()
			.filter((entry) -> entry.covers(now))
			.toList();
		return primaries.stream().anyMatch((entry) -> entry.id().equals(entryId))
				&& primaries.stream().allMatch((entry) -> entry.id().equals(entryId));
	}

	/**
	 * Removes an entry of one of these clinics (a caller's); once: a second call changes
	 * nothing.
	 */
	@Transactional
	public void remove(UUID entryId, String[] clinics, String by) {
		this.jdbc.sql("""
				UPDATE on_call SET removed_at = ?, removed_by = ?
				WHERE entry_id = ? AND clinic_id = ANY(?) AND removed_at IS NULL
				""").params(ts(this.clock.instant()), by, entryId, clinics).update();
	}

	/** Whether an entry of one of these clinics (a caller's) was removed before. */
	public boolean wasRemoved(UUID entryId, String[] clinics) {
		return this.jdbc
			.sql("SELECT count(*) FROM on_call WHERE entry_id = ? AND clinic_id = ANY(?) AND removed_at IS NOT NULL")
			.params(entryId, clinics)
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
		return new OnCall.Entry(rs.getObject("entry_id", UUID.class), rs.getString("clinic_id"),
				rs.getObject("location_id", UUID.class), OnCallRole.valueOf(rs.getString("role")), rs.getString("name"),
				rs.getString("phone"), instant(rs, "from_at"), instant(rs, "until_at"));
	}

}
