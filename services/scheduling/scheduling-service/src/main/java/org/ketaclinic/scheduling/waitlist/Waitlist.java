package org.ketaclinic.scheduling.waitlist;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.booking.BookingSessions;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.clinic.Location;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients waiting for an earlier slot, first come first offered, and the slots
 * cancellations freed. Booking a freed slot for a waiting patient goes through the
 * ordinary booking checks.
 */
@Service
public class Waitlist {

	private final JdbcClient jdbc;

	private final Plans plans;

	private final Clinics clinics;

	private final BookingSessions booking;

	private final Clock clock;

	Waitlist(JdbcClient jdbc, Plans plans, Clinics clinics, BookingSessions booking, Clock clock) {
		this.jdbc = jdbc;
		this.plans = plans;
		this.clinics = clinics;
		this.booking = booking;
		this.clock = clock;
	}

	/** Puts an active plan on the waitlist; a plan already waiting keeps its place. */
	@Transactional
	public Entry add(UUID planId, String by, String[] clinics) {
		TreatmentPlan plan = this.plans.find(planId, clinics)
			.orElseThrow(() -> new NotFoundException("No plan " + planId));
		if (!"ACTIVE".equals(plan.status())) {
			throw new ConflictException("Only an active plan can wait for a slot");
		}
		this.jdbc.sql("""
				INSERT INTO waitlist_entry (id, plan_id, patient_id, added_by, added_at, status, clinic_id)
				VALUES (?, ?, ?, ?, ?, 'WAITING', ?) ON CONFLICT DO NOTHING
				""")
			.params(UUID.randomUUID(), planId, plan.patientId(), by, Timestamp.from(this.clock.instant()),
					plan.clinicId())
			.update();
		return this.jdbc.sql("SELECT * FROM waitlist_entry WHERE plan_id = ? AND status = 'WAITING'")
			.param(planId)
			.query((rs, row) -> entry(rs))
			.single();
	}

	/**
	 * Everyone waiting on an active plan (a stopped plan waits no more), in the order
	 * they asked.
	 */
	public List<Entry> waiting(String[] clinics) {
		return this.jdbc.sql(
				"SELECT * FROM waitlist_entry w WHERE status = 'WAITING' AND clinic_id = ANY(?) AND EXISTS (SELECT 1 FROM treatment_plan p"
						+ " WHERE p.id = w.plan_id AND p.status = 'ACTIVE') ORDER BY added_at, id")
			.param(clinics)
			.query((rs, row) -> entry(rs))
			.list();
	}

	/**
	 * Takes an entry off the list.
	 * @return the entry taken off, or empty if it was not waiting
	 */
	@Transactional
	public java.util.Optional<Entry> remove(UUID entryId, String[] clinics) {
		return this.jdbc
			.sql("UPDATE waitlist_entry SET status = 'REMOVED', closed_at = ? WHERE id = ? AND status = 'WAITING'"
					+ " AND clinic_id = ANY(?) RETURNING *")
			.params(Timestamp.from(this.clock.instant()), entryId, clinics)
			.query((rs, row) -> entry(rs))
			.optional();
	}

	/** Books a freed slot for a waiting patient, with the ordinary checks. */
	@Transactional
	public List<Session> offer(UUID entryId, OffsetDateTime startsAt, UUID chairId, String by, String[] clinics) {
		Entry entry = this.jdbc.sql("SELECT * FROM waitlist_entry WHERE id = ? AND clinic_id = ANY(?) FOR UPDATE")
			.params(entryId, clinics)
			.query((rs, row) -> entry(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No waitlist entry " + entryId));
		if (!"WAITING".equals(entry.status())) {
			throw new ConflictException("This entry is no longer waiting (" + entry.status() + ")");
		}
		List<Session> booked = this.booking.book(entry.planId(),
				List.of(new BookingSessions.Requested(startsAt, chairId)), by, clinics);
		this.jdbc.sql("UPDATE waitlist_entry SET status = 'BOOKED', closed_at = ? WHERE id = ?")
			.params(Timestamp.from(this.clock.instant()), entryId)
			.update();
		return booked;
	}

	/**
	 * Future chair times that cancellations freed and nobody has taken since, soonest
	 * first.
	 */
	public List<FreedSlot> freedSlots(UUID locationId, String[] clinics) {
		Location location = this.clinics.location(locationId, clinics)
			.orElseThrow(() -> new NotFoundException("No location " + locationId));
		ZoneId zone = location.zone();
		return this.jdbc.sql("""
				SELECT c.chair_id, c.starts_at, c.ends_at FROM session c
				WHERE c.location_id = ? AND c.status = 'CANCELLED' AND c.starts_at > ?
					AND NOT EXISTS (SELECT 1 FROM session t WHERE t.chair_id = c.chair_id AND t.period && c.period
						AND t.status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED'))
				ORDER BY c.starts_at LIMIT 100
				""")
			.params(locationId, Timestamp.from(Instant.now(this.clock)))
			.query((rs, row) -> new FreedSlot(rs.getTimestamp(2).toInstant().atZone(zone).toOffsetDateTime(),
					rs.getTimestamp(3).toInstant().atZone(zone).toOffsetDateTime(), rs.getObject(1, UUID.class),
					locationId))
			.list()
			.stream()
			.distinct()
			.toList();
	}

	private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Entry(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class),
				rs.getObject("patient_id", UUID.class), rs.getString("added_by"),
				rs.getTimestamp("added_at").toInstant(), rs.getString("status"), rs.getString("clinic_id"));
	}

	/**
	 * A waitlist entry.
	 *
	 * @param entryId the entry
	 * @param planId the plan wanting a slot
	 * @param patientId the patient
	 * @param addedBy who added it
	 * @param addedAt when: the order of offers
	 * @param status WAITING, BOOKED or REMOVED
	 * @param clinicId its plan's clinic (ADR 12)
	 */
	public record Entry(UUID entryId, UUID planId, UUID patientId, String addedBy, Instant addedAt, String status,
			String clinicId) {
	}

	/**
	 * A chair time a cancellation freed.
	 *
	 * @param startsAt clinic-local start
	 * @param endsAt end
	 * @param chairId the chair
	 * @param locationId the location
	 */
	public record FreedSlot(OffsetDateTime startsAt, OffsetDateTime endsAt, UUID chairId, UUID locationId) {
	}

}
