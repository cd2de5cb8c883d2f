package org.ketaclinic.scheduling.booking;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.clinic.ClinicDay;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.clinic.Location;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;
import org.ketaclinic.scheduling.protocol.Protocol;
import org.ketaclinic.scheduling.protocol.ProtocolProperties;
import org.ketaclinic.scheduling.protocol.SeriesRules;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds complete series for a plan: every session in a free chair, inside opening hours,
 * with a nurse free to monitor it and a prescriber on site where the protocol needs one,
 * spaced as the protocol says, on the days and times the patient prefers. Times are
 * clinic-local: a series keeps its local clock time across a daylight-saving change.
 */
@Service
public class FindingTime {

	private static final Duration STEP = Duration.ofMinutes(30);

	private static final int SEARCH_DAYS = 14;

	private final Plans plans;

	private final Sessions sessions;

	private final Clinics clinics;

	private final ProtocolProperties protocols;

	FindingTime(Plans plans, Sessions sessions, Clinics clinics, ProtocolProperties protocols) {
		this.plans = plans;
		this.sessions = sessions;
		this.clinics = clinics;
		this.protocols = protocols;
	}

	/**
	 * Up to {@code limit} complete series for the plan's remaining sessions, the earliest
	 * first.
	 * @param from the first day to consider (clinic-local)
	 * @param preference the patient's preferred days and times
	 */
	@Transactional(readOnly = true)
	public List<List<Slot>> propose(UUID planId, LocalDate from, Preference preference, int limit, String[] clinics) {
		TreatmentPlan plan = this.plans.find(planId, clinics)
			.orElseThrow(() -> new NotFoundException("No plan " + planId));
		if (!"ACTIVE".equals(plan.status())) {
			throw new ConflictException("This plan is " + plan.status().toLowerCase());
		}
		Protocol protocol = this.protocols.of(plan.protocol());
		List<Instant> booked = this.sessions.ofPlan(planId)
			.stream()
			.filter(Session::holdsChair)
			.map(Session::startsAt)
			.toList();
		int remaining = plan.sessionsPlanned() - booked.size();
		List<List<Slot>> proposals = new ArrayList<>();
		if (remaining <= 0) {
			return proposals;
		}
		for (Location location : this.clinics.locationsOf(plan.clinicId())) {
			Map<LocalDate, ClinicDay> days = new HashMap<>();
			Set<ZonedDateTime> firstStarts = new LinkedHashSet<>();
			for (int offset = 0; offset < SEARCH_DAYS && proposals.size() < limit; offset++) {
				LocalDate date = from.plusDays(offset);
				if (!preference.allows(date.getDayOfWeek())) {
					continue;
				}
				ClinicDay day = day(days, location, date);
				for (LocalTime time : times(day, protocol, preference)) {
					ZonedDateTime start = ZonedDateTime.of(date, time, location.zone());
					if (proposals.size() >= limit || firstStarts.contains(start)) {
						continue;
					}
					Optional<Slot> first = slot(day, start, protocol);
					if (first.isEmpty()) {
						continue;
					}
					Optional<List<Slot>> series = extend(location, days, first.get(), booked, remaining, protocol,
							preference);
					if (series.isPresent()) {
						proposals.add(series.get());
						firstStarts.add(start);
						// the next proposal starts on another day
						break;
					}
				}
			}
		}
		return proposals;
	}

	/**
	 * Free times for the plan's next single session on one local date: each with the
	 * first chair that fits and spacing that keeps the plan's series valid.
	 */
	@Transactional(readOnly = true)
	public List<Slot> slotsOn(UUID planId, LocalDate date, String[] clinics) {
		TreatmentPlan plan = this.plans.find(planId, clinics)
			.orElseThrow(() -> new NotFoundException("No plan " + planId));
		if (!"ACTIVE".equals(plan.status())) {
			throw new ConflictException("This plan is " + plan.status().toLowerCase());
		}
		Protocol protocol = this.protocols.of(plan.protocol());
		List<Instant> booked = this.sessions.ofPlan(planId)
			.stream()
			.filter(Session::holdsChair)
			.map(Session::startsAt)
			.toList();
		List<Slot> slots = new ArrayList<>();
		for (Location location : this.clinics.locationsOf(plan.clinicId())) {
			ClinicDay day = this.clinics.day(location, date);
			for (LocalTime time : times(day, protocol, Preference.any())) {
				ZonedDateTime start = ZonedDateTime.of(date, time, location.zone());
				List<Instant> starts = new ArrayList<>(booked);
				starts.add(start.toInstant());
				if (SeriesRules.violations(starts, protocol, plan.sessionsPlanned(), location.zone()).isEmpty()) {
					slot(day, start, protocol).ifPresent(slots::add);
				}
			}
		}
		return slots;
	}

	/**
	 * Builds a series from its first slot: each next session at the same local time if
	 * possible.
	 */
	private Optional<List<Slot>> extend(Location location, Map<LocalDate, ClinicDay> days, Slot first,
			List<Instant> booked, int remaining, Protocol protocol, Preference preference) {
		List<Slot> series = new ArrayList<>(List.of(first));
		Map<LocalDate, ClinicDay> tentative = new HashMap<>(days);
		occupy(tentative, first);
		while (series.size() < remaining) {
			Slot previous = series.get(series.size() - 1);
			Optional<Slot> next = next(location, tentative, previous, series, booked, protocol, preference);
			if (next.isEmpty()) {
				return Optional.empty();
			}
			series.add(next.get());
			occupy(tentative, next.get());
		}
		List<Instant> starts = new ArrayList<>(booked);
		series.forEach((slot) -> starts.add(slot.start().toInstant()));
		boolean withinTarget = Duration.between(series.get(0).start(), series.get(series.size() - 1).start())
			.compareTo(Duration.ofDays(protocol.targetDays())) <= 0;
		return (withinTarget
				&& SeriesRules.violations(starts, protocol, booked.size() + remaining, location.zone()).isEmpty())
						? Optional.of(series) : Optional.empty();
	}

	private Optional<Slot> next(Location location, Map<LocalDate, ClinicDay> days, Slot previous, List<Slot> series,
			List<Instant> booked, Protocol protocol, Preference preference) {
		ZonedDateTime earliest = previous.start().plus(protocol.minInterval());
		ZonedDateTime latest = previous.start().plus(protocol.maxGap());
		LocalTime preferredTime = previous.start().toLocalTime();
		for (LocalDate date = earliest.toLocalDate(); !date.isAfter(latest.toLocalDate()); date = date.plusDays(1)) {
			if (!preference.allows(date.getDayOfWeek())) {
				continue;
			}
			ClinicDay day = day(days, location, date);
			List<LocalTime> candidates = new ArrayList<>();
			candidates.add(preferredTime);
			candidates.addAll(times(day, protocol, preference));
			for (LocalTime time : candidates) {
				ZonedDateTime start = ZonedDateTime.of(date, time, location.zone());
				if (start.isBefore(earliest) || start.isAfter(latest)) {
					continue;
				}
				List<Instant> starts = new ArrayList<>(booked);
				series.forEach((slot) -> starts.add(slot.start().toInstant()));
				starts.add(start.toInstant());
				if (!SeriesRules.violations(starts, protocol, Integer.MAX_VALUE, location.zone()).isEmpty()) {
					continue;
				}
				Optional<Slot> slot = slot(day, start, protocol);
				if (slot.isPresent()) {
					return slot;
				}
			}
		}
		return Optional.empty();
	}

	private Optional<Slot> slot(ClinicDay day, ZonedDateTime start, Protocol protocol) {
		for (UUID chair : day.chairs()) {
			if (day
				.whyNot(chair, start.toLocalTime(), protocol.block(), this.protocols.chairsPerNurse(),
						protocol.prescriberOnSite())
				.isEmpty()) {
				return Optional.of(new Slot(start, start.plus(protocol.block()), chair, day.locationId()));
			}
		}
		return Optional.empty();
	}

	private static List<LocalTime> times(ClinicDay day, Protocol protocol, Preference preference) {
		List<LocalTime> times = new ArrayList<>();
		if (day.opens() == null) {
			return times;
		}
		for (LocalTime time = day.opens(); !time.plus(protocol.block()).isAfter(day.closes())
				&& !time.plus(protocol.block()).isBefore(time); time = time.plus(STEP)) {
			if (preference.allows(time)) {
				times.add(time);
			}
		}
		return times;
	}

	private ClinicDay day(Map<LocalDate, ClinicDay> days, Location location, LocalDate date) {
		return days.computeIfAbsent(date, (d) -> this.clinics.day(location, d));
	}

	private static void occupy(Map<LocalDate, ClinicDay> days, Slot slot) {
		LocalDate date = slot.start().toLocalDate();
		days.put(date, days.get(date).with(new ClinicDay.Occupied(slot.chairId(), slot.start(), slot.end())));
	}

	/**
	 * One proposed session.
	 *
	 * @param start its clinic-local start
	 * @param end the end of its chair time
	 * @param chairId the chair
	 * @param locationId the location
	 */
	public record Slot(ZonedDateTime start, ZonedDateTime end, UUID chairId, UUID locationId) {

		public OffsetDateTime startsAt() {
			return this.start.toOffsetDateTime();
		}

		public OffsetDateTime endsAt() {
			return this.end.toOffsetDateTime();
		}

	}

	/**
	 * When the patient can come.
	 *
	 * @param days the days of the week, or empty for any
	 * @param earliest the earliest start, or null
	 * @param latest the latest start, or null
	 */
	public record Preference(Set<DayOfWeek> days, LocalTime earliest, LocalTime latest) {

		public static Preference any() {
			return new Preference(Set.of(), null, null);
		}

		boolean allows(DayOfWeek day) {
			return this.days.isEmpty() || this.days.contains(day);
		}

		boolean allows(LocalTime time) {
			return (this.earliest == null || !time.isBefore(this.earliest))
					&& (this.latest == null || !time.isAfter(this.latest));
		}

	}

}
