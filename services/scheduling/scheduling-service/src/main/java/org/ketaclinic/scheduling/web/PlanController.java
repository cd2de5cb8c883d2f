package org.ketaclinic.scheduling.web;

import java.security.Principal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.security.ClinicScope;
import org.ketaclinic.platform.web.NotFoundException;
import org.ketaclinic.scheduling.booking.BookingSessions;
import org.ketaclinic.scheduling.booking.FindingTime;
import org.ketaclinic.scheduling.booking.Session;
import org.ketaclinic.scheduling.booking.Sessions;
import org.ketaclinic.scheduling.booking.StoppingPlans;
import org.ketaclinic.scheduling.clinic.Clinics;
import org.ketaclinic.scheduling.clinic.Location;
import org.ketaclinic.scheduling.plan.Plans;
import org.ketaclinic.scheduling.plan.TreatmentPlan;
import org.ketaclinic.scheduling.protocol.ProtocolProperties;
import org.ketaclinic.scheduling.protocol.SeriesRules;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The front desk's plans: what is booked and left, proposals for whole series, and
 * booking them.
 */
@RestController
@Validated
@RequestMapping(path = "/api/scheduling/plans", produces = MediaType.APPLICATION_JSON_VALUE)
class PlanController {

	private final Plans plans;

	private final Sessions sessions;

	private final Clinics clinics;

	private final FindingTime finding;

	private final BookingSessions booking;

	private final AuditLog audit;

	private final ProtocolProperties protocols;

	private final StoppingPlans stopping;

	private final ClinicScope clinicScope;

	PlanController(Plans plans, Sessions sessions, Clinics clinics, FindingTime finding, BookingSessions booking,
			AuditLog audit, ProtocolProperties protocols, StoppingPlans stopping, ClinicScope clinicScope) {
		this.clinicScope = clinicScope;
		this.protocols = protocols;
		this.stopping = stopping;
		this.plans = plans;
		this.sessions = sessions;
		this.clinics = clinics;
		this.finding = finding;
		this.booking = booking;
		this.audit = audit;
	}

	/**
	 * A patient's plans, or (without a patient) the active plans still waiting for
	 * sessions to be booked.
	 */
	@GetMapping
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	List<PlanView> plans(@RequestParam(required = false) UUID patientId) {
		String[] clinics = this.clinicScope.sqlArray();
		List<TreatmentPlan> found = (patientId != null) ? this.plans.ofPatient(patientId, clinics)
				: this.plans.awaitingBooking(200, clinics);
		found.forEach((plan) -> this.audit.record(plan.clinicId(), plan.patientId(), "PLAN_READ", "plan/" + plan.id()));
		return found.stream().map(this::view).toList();
	}

	/**
	 * Cancelled plans (e.g. their approval was superseded) with booked sessions ahead,
	 * for staff to resolve.
	 */
	@GetMapping("/attention")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	List<PlanView> needingAttention() {
		List<TreatmentPlan> found = this.plans.needingAttention(200, this.clinicScope.sqlArray());
		found.forEach((plan) -> this.audit.record(plan.clinicId(), plan.patientId(), "PLAN_READ", "plan/" + plan.id()));
		return found.stream().map(this::view).toList();
	}

	@GetMapping("/{planId}")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	PlanView plan(@PathVariable UUID planId) {
		TreatmentPlan plan = scoped(planId);
		this.audit.record(plan.clinicId(), plan.patientId(), "PLAN_READ", "plan/" + planId);
		return view(plan);
	}

	/**
	 * Complete series for the plan's remaining sessions, in clinic-local time with
	 * offsets.
	 * @param from the first day to consider (default today)
	 * @param days preferred days of the week, e.g. {@code MONDAY,WEDNESDAY,FRIDAY}
	 * @param earliest earliest preferred start, e.g. {@code 09:00}
	 * @param latest latest preferred start
	 */
	@GetMapping("/{planId}/proposals")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	List<Proposal> proposals(@PathVariable UUID planId, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) Set<DayOfWeek> days, @RequestParam(required = false) LocalTime earliest,
			@RequestParam(required = false) LocalTime latest) {
		TreatmentPlan plan = scoped(planId);
		LocalDate start = (from != null) ? from : LocalDate.now(firstZone(plan.clinicId()));
		FindingTime.Preference preference = new FindingTime.Preference(
				(days != null && !days.isEmpty()) ? EnumSet.copyOf(days) : Set.of(), earliest, latest);
		return this.finding.propose(planId, start, preference, 3, this.clinicScope.sqlArray())
			.stream()
			.map((series) -> new Proposal(series.stream()
				.map((slot) -> new ProposedSession(slot.startsAt(), slot.endsAt(), slot.chairId(), slot.locationId()))
				.toList()))
			.toList();
	}

	/** Free times for one more session on a date (single-slot search). */
	@GetMapping("/{planId}/slots")
	@PreAuthorize("hasAnyRole('FRONT_DESK', 'CLINICIAN')")
	List<ProposedSession> slots(@PathVariable UUID planId, @RequestParam LocalDate date) {
		scoped(planId);
		return this.finding.slotsOn(planId, date, this.clinicScope.sqlArray())
			.stream()
			.map((slot) -> new ProposedSession(slot.startsAt(), slot.endsAt(), slot.chairId(), slot.locationId()))
			.toList();
	}

	/** Books the given sessions, all or nothing. */
	@PostMapping(path = "/{planId}/bookings", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('FRONT_DESK')")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	List<SessionView> book(@PathVariable UUID planId, @Valid @RequestBody BookingRequest request, Principal caller) {
		scoped(planId);
		List<BookingSessions.Requested> requested = request.sessions()
			.stream()
			.map((s) -> new BookingSessions.Requested(s.startsAt(), s.chairId()))
			.toList();
		List<Session> booked = this.booking.book(planId, requested, caller.getName(), this.clinicScope.sqlArray());
		booked.forEach((session) -> this.audit.recordChange(session.clinicId(), session.patientId(), "SESSION_BOOKED",
				"plan/" + planId + "/session/" + session.id()));
		return booked.stream().map(this::view).toList();
	}

	/**
	 * A clinician cancels a plan: every session still to come is cancelled
	 * ({@code SessionCancelled}, reason {@code PLAN_STOPPED}) and
	 * {@code TreatmentPlanStopped} asks the front desk to call the patient. Cancelling
	 * again answers the cancelled plan.
	 */
	@PostMapping(path = "/{planId}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('CLINICIAN')")
	@Transactional
	PlanView cancel(@PathVariable UUID planId, @Valid @RequestBody PlanCancellation cancellation, Principal caller) {
		scoped(planId);
		TreatmentPlan plan = this.stopping.cancel(planId, cancellation.reason(), caller.getName(),
				this.clinicScope.sqlArray());
		this.audit.recordChange(plan.clinicId(), plan.patientId(), "PLAN_CANCELLED", "plan/" + planId);
		return view(plan);
	}

	/**
	 * The plan if it is of one of the caller's clinics; a plan of another clinic answers
	 * exactly like an unknown one (ADR 12), and commands load it this way first.
	 */
	private TreatmentPlan scoped(UUID planId) {
		return this.plans.find(planId, this.clinicScope.sqlArray())
			.orElseThrow(() -> new NotFoundException("No plan " + planId));
	}

	private ZoneId firstZone(String clinicId) {
		return this.clinics.locationsOf(clinicId).stream().findFirst().map(Location::zone).orElse(ZoneId.of("UTC"));
	}

	private PlanView view(TreatmentPlan plan) {
		List<SessionView> sessions = this.sessions.ofPlan(plan.id()).stream().map(this::view).toList();
		long booked = sessions.stream()
			.filter((s) -> Session.holdsChair(s.status()) && !"COMPLETED".equals(s.status()))
			.count();
		long completed = sessions.stream().filter((s) -> "COMPLETED".equals(s.status())).count();
		List<java.time.Instant> held = sessions.stream()
			.filter((s) -> Session.holdsChair(s.status()))
			.map((s) -> s.startsAt().toInstant())
			.toList();
		return new PlanView(plan.id(), plan.patientId(), plan.protocol(), plan.kind(), plan.status(),
				plan.sessionsPlanned(), (int) booked, (int) completed,
				(int) Math.max(0, plan.sessionsPlanned() - booked - completed), plan.createdAt(), sessions,
				SeriesRules.reviewFlags(held, this.protocols.of(plan.protocol())));
	}

	private SessionView view(Session session) {
		ZoneId zone = this.clinics.location(session.locationId(), Clinics.only(session.clinicId()))
			.map(Location::zone)
			.orElse(ZoneId.of("UTC"));
		return new SessionView(session.id(), session.sequence(), session.startsAt().atZone(zone).toOffsetDateTime(),
				session.endsAt().atZone(zone).toOffsetDateTime(), session.chairId(), session.locationId(),
				session.status());
	}

	/**
	 * Why a clinician cancels a plan.
	 *
	 * @param reason free text, kept in scheduling only
	 */
	record PlanCancellation(@NotBlank @Size(max = 500) String reason) {
	}

	/**
	 * Sessions to book.
	 *
	 * @param sessions each with its start and chair
	 */
	record BookingRequest(@NotEmpty @Size(max = 12) List<@Valid @NotNull RequestedSession> sessions) {
	}

	/**
	 * One session to book.
	 *
	 * @param startsAt its start, with an offset
	 * @param chairId the chair
	 */
	record RequestedSession(@NotNull OffsetDateTime startsAt, @NotNull UUID chairId) {
	}

	/**
	 * A complete series that satisfies every rule.
	 *
	 * @param sessions its sessions
	 */
	record Proposal(List<ProposedSession> sessions) {
	}

	/**
	 * A proposed session.
	 *
	 * @param startsAt clinic-local start with offset
	 * @param endsAt end of its chair time
	 * @param chairId the chair
	 * @param locationId the location
	 */
	record ProposedSession(OffsetDateTime startsAt, OffsetDateTime endsAt, UUID chairId, UUID locationId) {
	}

	/**
	 * A plan with its sessions.
	 *
	 * @param planId the plan
	 * @param patientId the patient
	 * @param protocol the protocol
	 * @param kind induction or booster
	 * @param status active, completed or cancelled
	 * @param sessionsPlanned sessions it holds
	 * @param booked sessions booked and not yet done
	 * @param completed sessions done
	 * @param remaining sessions still to book
	 * @param createdAt when it was made
	 * @param sessions its sessions, in time order
	 * @param reviewFlags what a clinician should look at, e.g. a gap longer than the
	 * protocol allows
	 */
	record PlanView(UUID planId, UUID patientId, String protocol, String kind, String status, int sessionsPlanned,
			int booked, int completed, int remaining, Instant createdAt, List<SessionView> sessions,
			List<String> reviewFlags) {
	}

	/**
	 * A session.
	 *
	 * @param sessionId the session
	 * @param sequence its place in the plan
	 * @param startsAt clinic-local start with offset
	 * @param endsAt end of its chair time
	 * @param chairId the chair
	 * @param locationId the location
	 * @param status its status
	 */
	record SessionView(UUID sessionId, int sequence, OffsetDateTime startsAt, OffsetDateTime endsAt, UUID chairId,
			UUID locationId, String status) {
	}

}
