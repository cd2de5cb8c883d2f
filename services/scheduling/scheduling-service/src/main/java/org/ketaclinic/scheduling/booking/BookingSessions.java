package org.ketaclinic.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.LocationId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;
import org.ketaclinic.platform.outbox.Outbox;
import org.ketaclinic.platform.web.ConflictException;
import org.ketaclinic.platform.web.FieldError;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.clinic.ClinicDay;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.clinic.Location;
import org.ketaclinic.scheduling.events.SessionBooked;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;
import org.ketaclinic.scheduling.protocol.Protocol;
import org.ketaclinic.scheduling.protocol.ProtocolProperties;
import org.ketaclinic.scheduling.protocol.SeriesRules;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Books one session or a whole series, all or nothing. Opening hours, nurse capacity, a
 * prescriber on site where needed and the series' spacing are checked under a lock on the
 * location; the database's exclusion constraints are the last word on chairs and
 * patients. Asking again for sessions already booked answers them.
 */
@Service
public class BookingSessions {

	private final Plans plans;

	private final Sessions sessions;

	private final Clinics clinics;

	private final ProtocolProperties protocols;

	private final Outbox outbox;

	private final Clock clock;

	BookingSessions(Plans plans, Sessions sessions, Clinics clinics, ProtocolProperties protocols, Outbox outbox,
			Clock clock) {
		this.plans = plans;
		this.sessions = sessions;
		this.clinics = clinics;
		this.protocols = protocols;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Books sessions of a plan.
	 * @param requested each session's start and chair
	 * @param clinics the caller's clinics: another clinic's plan or chair answers like an
	 * unknown one (ADR 12)
	 * @return the booked sessions
	 * @throws ConflictException naming what clashed; nothing is booked then
	 */
	@Transactional
	public List<Session> book(UUID planId, List<Requested> requested, String by, String[] clinics) {
		TreatmentPlan plan = this.plans.lock(planId, clinics)
			.orElseThrow(() -> new NotFoundException("No plan " + planId));
		String[] ofPlan = Clinics.only(plan.clinicId());
		if (!"ACTIVE".equals(plan.status())) {
			throw new ConflictException("This plan is " + plan.status().toLowerCase() + "; nothing can be booked");
		}
		Protocol protocol = this.protocols.of(plan.protocol());
		List<Session> existing = this.sessions.ofPlan(planId).stream().filter(Session::holdsChair).toList();
		Optional<List<Session>> alreadyBooked = alreadyBooked(existing, requested);
		if (alreadyBooked.isPresent()) {
			return alreadyBooked.get();
		}
		Map<UUID, Location> locations = new HashMap<>();
		List<FieldError> unknown = new ArrayList<>();
		for (int i = 0; i < requested.size(); i++) {
			UUID chairId = requested.get(i).chairId();
			Optional<UUID> location = this.clinics.locationOfChair(chairId, ofPlan);
			if (location.isEmpty() && this.clinics.chairExists(chairId)) {
				// a chair of another clinic answers like an unknown chair would to that
				// clinic
				throw new NotFoundException("No chair " + chairId);
			}
			if (location.isEmpty()) {
				unknown.add(new FieldError("sessions[" + i + "].chairId", "is not a known chair"));
			}
			else {
				locations.computeIfAbsent(location.get(), (id) -> this.clinics.location(id, ofPlan).orElseThrow());
			}
		}
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException(unknown);
		}
		locations.keySet().stream().sorted().forEach((id) -> this.clinics.lock(id, ofPlan));

		List<Instant> starts = new ArrayList<>(existing.stream().map(Session::startsAt).toList());
		requested.forEach((r) -> starts.add(r.startsAt().toInstant()));
		ZoneId zone = locations.values().iterator().next().zone();
		List<String> spacing = SeriesRules.placementViolations(starts,
				requested.stream().map((r) -> r.startsAt().toInstant()).toList(), protocol, plan.sessionsPlanned(),
				zone);
		if (!spacing.isEmpty()) {
			throw new ConflictException("The series breaks the " + plan.protocol() + " protocol: " + spacing);
		}
		Instant now = this.clock.instant();
		Map<String, ClinicDay> days = new HashMap<>();
		List<Session> booked = new ArrayList<>();
		int sequence = existing.size();
		for (int i = 0; i < requested.size(); i++) {
			Requested request = requested.get(i);
			UUID locationId = this.clinics.locationOfChair(request.chairId(), ofPlan).orElseThrow();
			Location location = locations.get(locationId);
			ZonedDateTime start = request.startsAt().atZoneSameInstant(location.zone());
			if (start.toInstant().isBefore(now)) {
				throw new ConflictException("Session " + (i + 1) + " starts in the past");
			}
			if ("BOOSTER".equals(plan.kind())) {
				this.sessions.lastOtherSessionBefore(plan.patientId(), planId, start.toInstant())
					.filter((last) -> last.plus(java.time.Duration.ofDays(this.protocols.boosterMinIntervalDays()))
						.isAfter(start.toInstant()))
					.ifPresent((last) -> {
						throw new ConflictException("Boosters are at least " + this.protocols.boosterMinIntervalDays()
								+ " days after the last session (" + last.atZone(location.zone()).toLocalDate() + ")");
					});
			}
			LocalDate date = start.toLocalDate();
			String dayKey = locationId + "/" + date;
			ClinicDay day = days.computeIfAbsent(dayKey, (k) -> this.clinics.day(location, date));
			Optional<String> whyNot = day.whyNot(request.chairId(), start.toLocalTime(), protocol.block(),
					this.protocols.chairsPerNurse(), protocol.prescriberOnSite());
			if (whyNot.isPresent()) {
				throw new ConflictException(
						"Session " + (i + 1) + " at " + start.toOffsetDateTime() + ": " + whyNot.get());
			}
			days.put(dayKey, day.with(new ClinicDay.Occupied(request.chairId(), start, start.plus(protocol.block()))));
			Session session = new Session(UUID.randomUUID(), planId, plan.patientId(), locationId, request.chairId(),
					++sequence, start.toInstant(), start.plus(protocol.block()).toInstant(), "BOOKED", plan.clinicId());
			try {
				this.sessions.add(session, now, by);
			}
			catch (DataIntegrityViolationException ex) {
				throw new ConflictException(
						"Session " + (i + 1) + " at " + start.toOffsetDateTime() + ": " + ManagingSessions.clash(ex));
			}
			booked.add(session);
			this.outbox.publish(
					new SessionBooked(new PatientId(plan.patientId()), new PlanId(planId), new SessionId(session.id()),
							session.sequence(), org.ketaclinic.scheduling.events.Protocol.valueOf(plan.protocol()),
							new LocationId(locationId), new ChairId(request.chairId()), start.toOffsetDateTime(),
							start.plus(protocol.block()).toOffsetDateTime(), location.zone().getId(), plan.clinicId(),
							this.sessions.version(session.id())));
		}
		return booked;
	}

	private static Optional<List<Session>> alreadyBooked(List<Session> existing, List<Requested> requested) {
		List<Session> matches = new ArrayList<>();
		for (Requested request : requested) {
			Optional<Session> match = existing.stream()
				.filter((s) -> s.chairId().equals(request.chairId())
						&& s.startsAt().equals(request.startsAt().toInstant()))
				.findFirst();
			if (match.isEmpty()) {
				return Optional.empty();
			}
			matches.add(match.get());
		}
		return Optional.of(matches);
	}

	/**
	 * A session asked for.
	 *
	 * @param startsAt its start, with an offset
	 * @param chairId the chair
	 */
	public record Requested(OffsetDateTime startsAt, UUID chairId) {
	}

}
