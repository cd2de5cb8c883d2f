package org.ketaclinic.scheduling.clinic;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo clinic, seeded idempotently (fixed ids, insert-if-missing) so a new user can
 * book a series on first start: one location in America/New_York open Monday to Friday
 * 08:00–18:00, four chairs, two nurses and one prescriber on weekdays, of clinic
 * {@code main}; and a second clinic's location ({@code lakeside}, America/Chicago, two
 * chairs, a nurse and a prescriber), so clinic scoping can be tried (ADR 12). On with
 * {@code ketaclinic.scheduling.demo-clinic=true}, which only the local profile sets.
 */
@Component
@ConditionalOnProperty(name = "ketaclinic.scheduling.demo-clinic", havingValue = "true")
public class DemoClinic implements ApplicationRunner {

	/** The demo location's id (clinic {@code main}, Riverside). */
	public static final UUID LOCATION = UUID.fromString("00000000-0000-4000-8000-00000000c11c");

	/** The second demo clinic's location (clinic {@code lakeside}, ADR 12). */
	public static final UUID LAKESIDE_LOCATION = UUID.fromString("00000000-0000-4000-8000-00000000c12c");

	/** The clinic of {@link #LOCATION}. */
	public static final String CLINIC = "main";

	/** The clinic of {@link #LAKESIDE_LOCATION}. */
	public static final String LAKESIDE = "lakeside";

	private static final Logger log = LoggerFactory.getLogger(DemoClinic.class);

	private static final LocalTime OPENS = LocalTime.of(8, 0);

	private static final LocalTime CLOSES = LocalTime.of(18, 0);

	private final JdbcClient jdbc;

	DemoClinic(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The id of Lakeside's demo chair {@code number} (1–2). */
	public static UUID lakesideChair(int number) {
		return UUID.fromString("00000000-0000-4000-8000-0000000c4a2" + number);
	}

	/** The id of demo chair {@code number} (1–4). */
	public static UUID chair(int number) {
		return UUID.fromString("00000000-0000-4000-8000-0000000c4a1" + number);
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		int created = this.jdbc.sql("""
				INSERT INTO location (id, name, time_zone, clinic_id)
				VALUES (?, 'KetaClinic Demo (Manhattan)', 'America/New_York', ?)
				ON CONFLICT DO NOTHING
				""").params(LOCATION, CLINIC).update();
		this.jdbc.sql("""
				INSERT INTO location (id, name, time_zone, clinic_id)
				VALUES (?, 'KetaClinic Lakeside (Chicago)', 'America/Chicago', ?)
				ON CONFLICT DO NOTHING
				""").params(LAKESIDE_LOCATION, LAKESIDE).update();
		for (DayOfWeek day = DayOfWeek.MONDAY; day.getValue() <= DayOfWeek.FRIDAY.getValue(); day = day.plus(1)) {
			this.jdbc.sql("""
					INSERT INTO opening_hours (location_id, day_of_week, opens, closes) VALUES (?, ?, ?, ?)
					ON CONFLICT DO NOTHING
					""").params(LOCATION, day.getValue(), OPENS, CLOSES).update();
			this.jdbc.sql("""
					INSERT INTO opening_hours (location_id, day_of_week, opens, closes) VALUES (?, ?, ?, ?)
					ON CONFLICT DO NOTHING
					""").params(LAKESIDE_LOCATION, day.getValue(), OPENS, CLOSES).update();
		}
		for (int number = 1; number <= 4; number++) {
			this.jdbc.sql("INSERT INTO chair (id, location_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
				.params(chair(number), LOCATION, "Chair " + number)
				.update();
		}
		for (int number = 1; number <= 2; number++) {
			this.jdbc.sql("INSERT INTO chair (id, location_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
				.params(lakesideChair(number), LAKESIDE_LOCATION, "Lakeside chair " + number)
				.update();
		}
		staff("00000000-0000-4000-8000-00000005aa01", "Nurse Joy Okafor", "NURSE");
		staff("00000000-0000-4000-8000-00000005aa02", "Nurse Sam Lee", "NURSE");
		staff("00000000-0000-4000-8000-00000005aa03", "Dr. Priya Nair", "PRESCRIBER");
		staff(LAKESIDE_LOCATION, "00000000-0000-4000-8000-00000005ab01", "Nurse Ana Ruiz", "NURSE");
		staff(LAKESIDE_LOCATION, "00000000-0000-4000-8000-00000005ab02", "Dr. Tom Becker", "PRESCRIBER");
		if (created > 0) {
			log.info("Seeded the demo clinic");
		}
	}

	private void staff(String id, String name, String role) {
		staff(LOCATION, id, name, role);
	}

	private void staff(UUID location, String id, String name, String role) {
		UUID staffId = UUID.fromString(id);
		this.jdbc.sql("INSERT INTO staff (id, location_id, name, role) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
			.params(staffId, location, name, role)
			.update();
		for (DayOfWeek day = DayOfWeek.MONDAY; day.getValue() <= DayOfWeek.FRIDAY.getValue(); day = day.plus(1)) {
			this.jdbc.sql("""
					INSERT INTO staff_hours (staff_id, day_of_week, starts, ends) VALUES (?, ?, ?, ?)
					ON CONFLICT DO NOTHING
					""").params(staffId, day.getValue(), OPENS, CLOSES).update();
		}
	}

}
