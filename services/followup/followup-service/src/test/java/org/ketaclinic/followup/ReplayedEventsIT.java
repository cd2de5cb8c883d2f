package org.ketaclinic.followup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.ChairId;
import org.ketaclinic.events.LocationId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.PlanId;
import org.ketaclinic.events.SessionId;
import org.ketaclinic.intake.events.PatientContactChanged.Channel;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.scheduling.events.CancellationReason;
import org.ketaclinic.scheduling.events.EventTypes;
import org.ketaclinic.scheduling.events.PreDoseConcernRaised;
import org.ketaclinic.scheduling.events.PreDoseReason;
import org.ketaclinic.scheduling.events.Protocol;
import org.ketaclinic.scheduling.events.SessionBooked;
import org.ketaclinic.scheduling.events.SessionCancelled;
import org.ketaclinic.scheduling.events.SessionRescheduled;
import org.ketaclinic.scheduling.events.Topics;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19: scheduling's session events carry the session's version, and follow-up
 * applies only newer ones. An old {@code SessionBooked} delivered again after the session
 * was cancelled or moved (a replay: it comes as a new delivery, so the inbox does not
 * know it) neither brings the session back nor plans reminders for the old time.
 */
class ReplayedEventsIT extends FollowupTestSupport {

	private static final String SCHEDULING = "/ketaclinic/scheduling";

	@Autowired
	MeterRegistry meters;

	@Test
	void aBookingReplayedAfterItsCancellationLeavesTheSessionCancelledAndThePatientUnreminded() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		UUID planId = UUID.randomUUID();
		ZonedDateTime start = ZonedDateTime.of(2027, 3, 9, 14, 0, 0, 0, NEW_YORK);
		SessionBooked booked = bookedWithItsMessages(patientId, phone, planId, start);

		send(Topics.SCHEDULING, patientId, SCHEDULING, EventTypes.SESSION_CANCELLED,
				new SessionCancelled(new PatientId(patientId), new PlanId(planId), booked.sessionId(),
						start.toOffsetDateTime(), CancellationReason.PATIENT_REQUEST, Instant.now(), null, 2L));
		await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(status(booked.sessionId().value())));

		replayedAsStale(patientId, booked);

		assertThat(status(booked.sessionId().value())).as("a replayed booking never revives a cancelled session")
			.isEqualTo("CANCELLED");
		assertThat(planned(booked.sessionId().value())).as("no message is planned for the cancelled session").isEmpty();
		for (String at : List.of("2027-03-01T15:00:30Z", "2027-03-06T19:00:30Z", "2027-03-08T19:00:30Z",
				"2027-03-09T17:00:30Z")) {
			this.clock.set(Instant.parse(at)); // the confirmation's and reminders' times
			this.dispatcher.dispatchDue();
		}
		assertThat(SMS.messagesTo(phone)).as("the patient is not reminded of a cancelled appointment").isEmpty();
	}

	@Test
	void aBookingReplayedAfterTheSessionMovedLeavesItsRemindersAtTheNewTime() {
		UUID patientId = UUID.randomUUID();
		String phone = phone();
		UUID planId = UUID.randomUUID();
		ZonedDateTime start = ZonedDateTime.of(2027, 3, 9, 14, 0, 0, 0, NEW_YORK);
		SessionBooked booked = bookedWithItsMessages(patientId, phone, planId, start);

		ZonedDateTime later = start.plusDays(2); // Thursday 11 March
		send(Topics.SCHEDULING, patientId, SCHEDULING, EventTypes.SESSION_RESCHEDULED,
				new SessionRescheduled(new PatientId(patientId), new PlanId(planId), booked.sessionId(),
						start.toOffsetDateTime(), later.toOffsetDateTime(), later.plusHours(2).toOffsetDateTime(),
						new ChairId(UUID.randomUUID()), NEW_YORK.getId(), null, 2L));
		awaitMessages(patientId, 8);

		replayedAsStale(patientId, booked);

		assertThat(this.jdbc.queryForObject("SELECT starts_at FROM session WHERE session_id = ?", Instant.class,
				booked.sessionId().value()))
			.as("the session stays at the time it moved to")
			.isEqualTo(later.toInstant());
		assertThat(planned(booked.sessionId().value()))
			.containsEntry("REMINDER_24H", Instant.parse("2027-03-10T19:00:00Z"))
			.containsEntry("REMINDER_2H", Instant.parse("2027-03-11T17:00:00Z"));

		this.clock.set(Instant.parse("2027-03-01T15:00:30Z")); // the new time's
																// confirmation
		this.dispatcher.dispatchDue();
		this.clock.set(Instant.parse("2027-03-08T19:00:30Z")); // 72 h before the new time
		this.dispatcher.dispatchDue();
		this.clock.set(Instant.parse("2027-03-10T19:00:30Z")); // 24 h before the new time
		this.dispatcher.dispatchDue();
		List<String> texts = SMS.messagesTo(phone).stream().map((sms) -> sms.get("body").toString()).toList();
		assertThat(texts).as("the confirmation and two reminders, all of the new time").hasSize(3);
		assertThat(texts)
			.allSatisfy((text) -> assertThat(text).contains("Thu 11 Mar 2027 at 14:00").doesNotContain("9 Mar"));
	}

	@Test
	void anUrgentAlertsEventsCarryItsVersionOneWhenRaisedAndTwoWhenAcknowledged() {
		UUID patientId = UUID.randomUUID();
		send(Topics.SCHEDULING, patientId, SCHEDULING, EventTypes.PRE_DOSE_CONCERN_RAISED,
				new PreDoseConcernRaised(new PatientId(patientId), new PlanId(UUID.randomUUID()),
						new SessionId(UUID.randomUUID()), new LocationId(UUID.randomUUID()),
						List.of(PreDoseReason.CSSRS_INTENT), Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.jdbc
				.queryForList("SELECT alert_id FROM alert WHERE patient_id = ?", UUID.class, patientId)
				.isEmpty());
		UUID alertId = this.jdbc.queryForObject("SELECT alert_id FROM alert WHERE patient_id = ?", UUID.class,
				patientId);
		assertThat(post("/api/followup/alerts/" + alertId + "/acknowledgement", CLINICIAN, Map.of("note", "Called"))
			.status()).isEqualTo(200);

		JsonNode raised = EventJson.mapper()
			.readTree(followupEvents(patientId, org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_RAISED, 1).get(0)
				.value());
		JsonNode acknowledged = EventJson.mapper()
			.readTree(followupEvents(patientId, org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_ACKNOWLEDGED, 1)
				.get(0)
				.value());
		assertThat(raised.get("alertVersion").asLong()).isEqualTo(1);
		assertThat(acknowledged.get("alertVersion").asLong()).as("newer than the raise, so a replayed raise is stale")
			.isEqualTo(2);
		assertThat(new EventSchemas().violations(org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_ACKNOWLEDGED,
				acknowledged))
			.isEmpty();
	}

	private static SessionBooked booked(UUID patientId, UUID planId, ZonedDateTime start, Long version) {
		return new SessionBooked(new PatientId(patientId), new PlanId(planId), new SessionId(UUID.randomUUID()), 1,
				Protocol.IV_KETAMINE, new LocationId(UUID.randomUUID()), new ChairId(UUID.randomUUID()),
				start.toOffsetDateTime(), start.plusHours(2).toOffsetDateTime(), NEW_YORK.getId(), null, version);
	}

	private String status(UUID sessionId) {
		return this.jdbc.queryForList("SELECT status FROM session WHERE session_id = ?", String.class, sessionId)
			.stream()
			.findFirst()
			.orElse(null);
	}

	/** The session's planned messages: kind to when they are to be sent. */
	private Map<String, Instant> planned(UUID sessionId) {
		Map<String, Instant> planned = new java.util.HashMap<>();
		this.jdbc.query("SELECT kind, scheduled_for FROM message WHERE session_id = ? AND status = 'PLANNED'", (rs) -> {
			planned.put(rs.getString(1), rs.getTimestamp(2).toInstant());
		}, sessionId);
		return planned;
	}

	private double staleCount(String type) {
		Counter counter = this.meters.find("ketaclinic.events.stale").tag("type", type).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** A session booked (version 1) for a patient texted by SMS, its messages planned. */
	private SessionBooked bookedWithItsMessages(UUID patientId, String phone, UUID planId, ZonedDateTime start) {
		contact(patientId, phone, null, Channel.SMS, true, false);
		SessionBooked booked = booked(patientId, planId, start, 1L);
		send(Topics.SCHEDULING, patientId, SCHEDULING, EventTypes.SESSION_BOOKED, booked);
		awaitMessages(patientId, 4);
		return booked;
	}

	/** Delivers the booking again and waits until it is counted as stale. */
	private void replayedAsStale(UUID patientId, SessionBooked booked) {
		double stale = staleCount(EventTypes.SESSION_BOOKED);
		send(Topics.SCHEDULING, patientId, SCHEDULING, EventTypes.SESSION_BOOKED, booked);
		await().atMost(Duration.ofSeconds(30)).until(() -> staleCount(EventTypes.SESSION_BOOKED) > stale);
	}

}
