package org.ketaclinic.scheduling.booking;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.test.WithInfrastructure;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.scheduling.clinic.DemoClinic;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;
import org.ketaclinic.scheduling.protocol.ProtocolProperties;
import org.ketaclinic.scheduling.protocol.SeriesRules;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random sequences of bookings, reschedules and cancellations against the real
 * database: whatever is accepted, no chair or patient is ever double-booked, no plan
 * breaks its spacing, and no more chairs are occupied at once than the nurses on duty can
 * monitor (Tuesdays have one nurse here).
 */
@SpringBootTest
@WithInfrastructure
class RandomBookingSequencesIT {

	/**
	 * The clinic the demo chairs and the test plans belong to, as a staff member of it.
	 */
	private static final String[] MAIN = { "main" };

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final long SEED = 11_26L;

	@Autowired
	BookingSessions booking;

	@Autowired
	ManagingSessions managing;

	@Autowired
	Plans plans;

	@Autowired
	Sessions sessions;

	@Autowired
	ProtocolProperties protocols;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void acceptedOperationsNeverBreakTheBookingInvariants() {
		this.jdbc.update("DELETE FROM staff_hours WHERE staff_id = '00000000-0000-4000-8000-00000005aa02'"
				+ " AND day_of_week = 2");
		Random random = new Random(SEED);
		List<UUID> planIds = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			UUID assessmentId = UUID.randomUUID();
			TreatmentPlan plan = new TreatmentPlan(UUID.randomUUID(), UUID.randomUUID(), assessmentId,
					(i % 3 == 0) ? "ESKETAMINE" : "IV_KETAMINE", "INDUCTION", (i % 3 == 0) ? 8 : 6, "ACTIVE",
					Instant.now(), assessmentId, Instant.now(), "main");
			this.plans.add(plan);
			planIds.add(plan.id());
		}
		LocalDate monday = LocalDate.now(NEW_YORK).plusWeeks(10).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		Map<String, Integer> outcomes = new HashMap<>();
		for (int step = 0; step < 400; step++) {
			int op = random.nextInt(10);
			String outcome;
			try {
				if (op < 6) {
					UUID plan = planIds.get(random.nextInt(planIds.size()));
					this.booking.book(plan, List.of(new BookingSessions.Requested(randomStart(random, monday),
							DemoClinic.chair(1 + random.nextInt(4)))), "tester", MAIN);
					outcome = "booked";
				}
				else if (op < 8) {
					Session session = randomActive(random);
					if (session == null) {
						continue;
					}
					this.managing.reschedule(session.id(), randomStart(random, monday),
							DemoClinic.chair(1 + random.nextInt(4)), "tester", MAIN);
					outcome = "rescheduled";
				}
				else {
					Session session = randomActive(random);
					if (session == null) {
						continue;
					}
					this.managing.cancel(session.id(), "PATIENT_REQUEST", null, "tester", MAIN);
					outcome = "cancelled";
				}
			}
			catch (ConflictException refused) {
				outcome = "refused";
			}
			outcomes.merge(outcome, 1, Integer::sum);
		}
		assertInvariants(planIds);
		assertThat(outcomes).as("the sequence exercised every operation")
			.containsKeys("booked", "rescheduled", "cancelled", "refused");
	}

	@Test
	void aBookedSessionNobodyCheckedInWithinTheGracePeriodIsMarkedMissed() {
		UUID assessmentId = UUID.randomUUID();
		TreatmentPlan plan = new TreatmentPlan(UUID.randomUUID(), UUID.randomUUID(), assessmentId, "IV_KETAMINE",
				"INDUCTION", 6, "ACTIVE", Instant.now(), assessmentId, Instant.now(), "main");
		this.plans.add(plan);
		LocalDate monday = LocalDate.now(NEW_YORK).plusWeeks(20).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		Session late = this.booking.book(plan.id(),
				List.of(new BookingSessions.Requested(
						ZonedDateTime.of(monday, LocalTime.of(9, 0), NEW_YORK).toOffsetDateTime(),
						DemoClinic.chair(1))),
				"tester", MAIN)
			.get(0);
		Session recent = this.booking.book(plan.id(),
				List.of(new BookingSessions.Requested(
						ZonedDateTime.of(monday.plusDays(2), LocalTime.of(9, 0), NEW_YORK).toOffsetDateTime(),
						DemoClinic.chair(1))),
				"tester", MAIN)
			.get(0);
		// the first started 45 minutes ago, the second 10 minutes ago; nobody checked
		// either in
		this.jdbc.update(
				"UPDATE session SET starts_at = now() - interval '150 minutes', ends_at = now() - interval '30 minutes'"
						+ " WHERE id = ?",
				late.id());
		this.jdbc.update(
				"UPDATE session SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '110 minutes'"
						+ " WHERE id = ?",
				recent.id());

		this.managing.markOverdueMissed(java.time.Duration.ofMinutes(30));

		assertThat(this.sessions.find(late.id()).orElseThrow().status()).isEqualTo("MISSED");
		assertThat(this.sessions.find(recent.id()).orElseThrow().status()).isEqualTo("BOOKED");
		assertThat(this.sessions.history(late.id())).extracting(Sessions.StatusChange::changedBy)
			.containsExactly("tester", "system");
	}

	private void assertInvariants(List<UUID> planIds) {
		String active = "status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED')";
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM session a JOIN session b ON a.id < b.id"
				+ " AND a.chair_id = b.chair_id AND a.period && b.period WHERE a." + active + " AND b." + active,
				Integer.class))
			.as("chair overlaps")
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM session a JOIN session b ON a.id < b.id"
				+ " AND a.patient_id = b.patient_id AND a.period && b.period WHERE a." + active + " AND b." + active,
				Integer.class))
			.as("patient overlaps")
			.isZero();
		for (UUID planId : planIds) {
			TreatmentPlan plan = this.plans.find(planId).orElseThrow();
			List<Instant> starts = this.sessions.ofPlan(planId)
				.stream()
				.filter(Session::holdsChair)
				.map(Session::startsAt)
				.toList();
			assertThat(SeriesRules.violations(starts, this.protocols.of(plan.protocol()), plan.sessionsPlanned(),
					NEW_YORK))
				.as("spacing of plan %s", planId)
				.isEmpty();
		}
		List<Map<String, Object>> peaks = this.jdbc.queryForList("SELECT a.starts_at, count(*) AS concurrent"
				+ " FROM session a JOIN session b ON b.period @> a.starts_at AND b.location_id = a.location_id"
				+ " WHERE a." + active + " AND b." + active + " GROUP BY a.id, a.starts_at");
		for (Map<String, Object> peak : peaks) {
			ZonedDateTime at = ((Timestamp) peak.get("starts_at")).toInstant().atZone(NEW_YORK);
			long nurses = (at.getDayOfWeek() == DayOfWeek.TUESDAY) ? 1 : 2;
			assertThat((Long) peak.get("concurrent")).as("chairs occupied at %s", at)
				.isLessThanOrEqualTo(nurses * this.protocols.chairsPerNurse());
		}
	}

	private Session randomActive(Random random) {
		List<Session> active = this.jdbc.query("SELECT id FROM session WHERE status = 'BOOKED' ORDER BY id",
				(rs, row) -> this.sessions.find(rs.getObject(1, UUID.class)).orElseThrow());
		return active.isEmpty() ? null : active.get(random.nextInt(active.size()));
	}

	private static java.time.OffsetDateTime randomStart(Random random, LocalDate monday) {
		LocalDate day = monday.plusDays(random.nextInt(12));
		LocalTime time = LocalTime.of(8, 0).plusMinutes(30L * random.nextInt(18));
		return ZonedDateTime.of(day, time, NEW_YORK).toOffsetDateTime();
	}

}
