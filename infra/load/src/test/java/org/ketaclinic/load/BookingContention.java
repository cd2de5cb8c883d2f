package org.ketaclinic.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import tools.jackson.databind.JsonNode;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * 200 booking requests at once, ten for each of 20 free chair-slots, each from its own
 * approved patient's plan: exactly 20 must be booked, 180 refused with 409, and no chair
 * may hold two overlapping sessions. Writes its counts to
 * {@code target/booking-contention.json}.
 */
public class BookingContention extends Simulation {

	static final int REQUESTS = 200;

	static final int SLOTS = 20;

	private static final List<String> plans = new ArrayList<>();

	private static final List<Map<String, String>> slots = new ArrayList<>();

	private static final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

	private static final AtomicLong firstSent = new AtomicLong(Long.MAX_VALUE);

	private static final AtomicLong lastAnswered = new AtomicLong();

	private static volatile String frontDesk;

	@Override
	public void before() {
		frontDesk = Platform.token("frontdesk-cli");
		String clinician = Platform.token("clinician-cli");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<String>> approved = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			long n = i;
			approved.add(pool.submit(() -> approvedPlan(clinician, n)));
		}
		for (Future<String> plan : approved) {
			try {
				plans.add(plan.get());
			}
			catch (Exception ex) {
				throw new IllegalStateException("setting up the plans failed", ex);
			}
		}
		pool.shutdown();
		// 20 free slots: the first session of a series proposed from 20 different weeks,
		// far enough ahead that no earlier run booked them
		LocalDate from = LocalDate.now().plusWeeks(60 + new Random().nextInt(200));
		for (int k = 0; k < SLOTS; k++) {
			JsonNode first = Json
				.get(frontDesk, "/api/scheduling/plans/" + plans.get(0) + "/proposals?from=" + from.plusWeeks(k))
				.get(0)
				.get("sessions")
				.get(0);
			slots.add(Map.of("startsAt", first.get("startsAt").asString(), "chairId", first.get("chairId").asString(),
					"locationId", first.get("locationId").asString()));
		}
	}

	private static String approvedPlan(String clinician, long n) {
		String patientId = Json.post(frontDesk, "/api/intake/submissions", Platform.intake(n))
			.get("patientId")
			.asString();
		String assessmentId = Json
			.await(clinician, "/api/screening/assessments?patientId=" + patientId, (json) -> json.size() > 0)
			.get(0)
			.get("assessmentId")
			.asString();
		Json.post(clinician, "/api/screening/assessments/" + assessmentId + "/decision",
				"{\"decision\": \"APPROVED\", \"protocol\": \"IV_KETAMINE\", \"rationale\": \"load benchmark\"}");
		return Json.await(frontDesk, "/api/scheduling/plans?patientId=" + patientId, (json) -> json.size() > 0)
			.get(0)
			.get("planId")
			.asString();
	}

	HttpProtocolBuilder protocol = http.baseUrl(Platform.GATEWAY)
		.contentTypeHeader("application/json")
		.acceptHeader("application/json");

	ScenarioBuilder book = scenario("booking under contention").exec((session) -> {
		int i = (int) (session.userId() - 1);
		Map<String, String> slot = slots.get(i % SLOTS);
		firstSent.accumulateAndGet(System.nanoTime(), Math::min);
		return session.set("plan", plans.get(i))
			.set("body", "{\"sessions\": [{\"startsAt\": \"" + slot.get("startsAt") + "\", \"chairId\": \""
					+ slot.get("chairId") + "\"}]}");
	})
		.exec(http("POST /api/scheduling/plans/{plan}/bookings")
			.post((session) -> "/api/scheduling/plans/" + session.getString("plan") + "/bookings")
			.header("Authorization", (session) -> "Bearer " + frontDesk)
			.header("Idempotency-Key", (session) -> UUID.randomUUID().toString())
			.body(StringBody((session) -> session.getString("body")))
			.check(status().in(201, 409).saveAs("status")))
		.exec((session) -> {
			lastAnswered.accumulateAndGet(System.nanoTime(), Math::max);
			statuses.merge(session.contains("status") ? session.getInt("status") : -1, 1, Integer::sum);
			return session;
		});

	{
		setUp(this.book.injectOpen(atOnceUsers(REQUESTS))).protocols(this.protocol);
	}

	@Override
	public void after() {
		int overlaps = 0;
		int booked = 0;
		for (Map<String, String> slot : slots) {
			OffsetDateTime startsAt = OffsetDateTime.parse(slot.get("startsAt"));
			JsonNode day = Json.get(frontDesk, "/api/scheduling/day-view?locationId=" + slot.get("locationId")
					+ "&date=" + startsAt.toLocalDate());
			for (JsonNode chair : day.get("chairs")) {
				List<JsonNode> sessions = new ArrayList<>();
				chair.get("sessions").forEach(sessions::add);
				for (int a = 0; a < sessions.size(); a++) {
					if (slot.get("chairId").equals(chair.get("chairId").asString())
							&& OffsetDateTime.parse(sessions.get(a).get("startsAt").asString()).isEqual(startsAt)) {
						booked++;
					}
					for (int b = a + 1; b < sessions.size(); b++) {
						if (overlap(sessions.get(a), sessions.get(b))) {
							overlaps++;
						}
					}
				}
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("requests", REQUESTS);
		result.put("slots", SLOTS);
		result.put("created", statuses.getOrDefault(201, 0));
		result.put("conflicts", statuses.getOrDefault(409, 0));
		result.put("other", REQUESTS - statuses.getOrDefault(201, 0) - statuses.getOrDefault(409, 0));
		result.put("sessionsInSlots", booked);
		result.put("overlaps", overlaps);
		result.put("allAnsweredMs", (lastAnswered.get() - firstSent.get()) / 1_000_000);
		try {
			Files.writeString(Path.of("target/booking-contention.json"), Json.MAPPER.writeValueAsString(result));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		System.out.println("booking-contention: " + result);
	}

	private static boolean overlap(JsonNode a, JsonNode b) {
		if (a.path("status").asString("").equals("CANCELLED") || b.path("status").asString("").equals("CANCELLED")) {
			return false;
		}
		return OffsetDateTime.parse(a.get("startsAt").asString())
			.isBefore(OffsetDateTime.parse(b.get("endsAt").asString()))
				&& OffsetDateTime.parse(b.get("startsAt").asString())
					.isBefore(OffsetDateTime.parse(a.get("endsAt").asString()));
	}

}
