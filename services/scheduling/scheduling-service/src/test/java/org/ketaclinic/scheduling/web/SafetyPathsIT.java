package org.ketaclinic.scheduling.web;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.AlertId;
import org.ketaclinic.events.AssessmentId;
import org.ketaclinic.events.CheckInId;
import org.ketaclinic.events.Identifier;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.followup.events.AlertSource;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.followup.events.UrgentAlertAcknowledged;
import org.ketaclinic.followup.events.UrgentAlertRaised;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.WithInfrastructure;
import org.ketaclinic.scheduling.booking.StoppingPlans;
import org.ketaclinic.scheduling.clinic.DemoClinic;
import org.ketaclinic.scheduling.events.EventTypes;
import org.ketaclinic.scheduling.events.Topics;
import org.ketaclinic.screening.events.ApprovalWithdrawn;
import org.ketaclinic.screening.events.Decision;
import org.ketaclinic.screening.events.Outcome;
import org.ketaclinic.screening.events.Protocol;
import org.ketaclinic.screening.events.ScreeningAssessed;
import org.ketaclinic.screening.events.ScreeningDecided;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ketaclinic.scheduling.web.PublishedEvents.data;
import static org.ketaclinic.scheduling.web.PublishedEvents.events;
import static org.ketaclinic.scheduling.web.PublishedEvents.ofType;
import static org.ketaclinic.scheduling.web.PublishedEvents.type;

/**
 * Issue 17's safety paths, each tried the way someone might try to get around it: no way
 * around the clinician's sign-off, the pre-dose check, the blood-pressure gate or
 * consent, and a stopped plan stops everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class SafetyPathsIT {

	private static final String FRONT_DESK = TestTokens.bearer("frontdesk-ann", "FRONT_DESK");

	private static final String CLINICIAN = TestTokens.bearer("dr-kim", "CLINICIAN");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StoppingPlans stopping;

	RestClient client;

	@BeforeEach
	void client() {
		this.client = RestClient.create("http://localhost:" + this.port);
	}

	// ---- corrections

	@Test
	void aStatusCorrectionNeverCompletesOrStartsASessionNorRevivesACancelledOneAndIsPublishedOnce() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(30);
		List<String> sessions = book(patient.planId(), slot(monday, LocalTime.of(9, 0), DemoClinic.chair(1)),
				slot(monday.plusDays(2), LocalTime.of(9, 0), DemoClinic.chair(1)));
		String first = "/api/scheduling/sessions/" + sessions.get(0);
		String second = "/api/scheduling/sessions/" + sessions.get(1);

		Result completed = call(FRONT_DESK, first + "/status-correction",
				Map.of("status", "COMPLETED", "reason", "The infusion was given"));
		assertThat(completed.status()).isEqualTo(409);
		assertThat(completed.contentType()).isEqualTo("application/problem+json");
		assertThat(completed.json().get("detail").asString()).contains("never completes");
		assertThat(call(CLINICIAN, first + "/status-correction",
				Map.of("status", "IN_PROGRESS", "reason", "Started on paper"))
			.status()).as("nor starts one around the pre-dose check").isEqualTo(409);
		assertThat(status(first)).isEqualTo("BOOKED");

		assertThat(call(FRONT_DESK, first + "/missed", Map.of()).status()).isEqualTo(200);
		Map<String, Object> correction = Map.of("status", "BOOKED", "reason", "Marked missed by mistake");
		Result corrected = call(FRONT_DESK, first + "/status-correction", correction);
		assertThat(corrected.json().get("status").asString()).isEqualTo("BOOKED");
		Result again = call(FRONT_DESK, first + "/status-correction", correction);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("history")).as("a retry changes nothing").hasSize(3);

		assertThat(call(FRONT_DESK, second + "/cancellation", Map.of("reasonCode", "PATIENT_REQUEST")).status())
			.isEqualTo(200);
		Result revived = call(FRONT_DESK, second + "/status-correction",
				Map.of("status", "BOOKED", "reason", "Changed her mind"));
		assertThat(revived.status()).isEqualTo(409);
		assertThat(revived.json().get("detail").asString()).contains("cancelled");
		assertThat(status(second)).isEqualTo("CANCELLED");

		List<ConsumerRecord<String, byte[]>> events = events(patient.id(), 6);
		List<ConsumerRecord<String, byte[]>> corrections = ofType(events, EventTypes.SESSION_STATUS_CORRECTED);
		assertThat(corrections).hasSize(1);
		JsonNode event = data(corrections.get(0));
		assertThat(event.get("previousStatus").asString()).isEqualTo("MISSED");
		assertThat(event.get("status").asString()).isEqualTo("BOOKED");
		assertThat(new EventSchemas().violations(EventTypes.SESSION_STATUS_CORRECTED, event)).isEmpty();
		assertThat(new String(corrections.get(0).value(), StandardCharsets.UTF_8)).doesNotContain("mistake");
	}

	// ---- holds on dosing

	@Test
	void checkInIsRefusedUntilIntakeSaysThePatientConsentsToTreatmentAndAnOlderChangeNeverWins() {
		UUID patientId = UUID.randomUUID();
		Patient patient = new Patient(patientId, approvedPlan(patientId, Protocol.IV_KETAMINE, Instant.now()));
		String session = "/api/scheduling/sessions/"
				+ book(patient.planId(), slot(nextMonday(31), LocalTime.of(9, 0), DemoClinic.chair(2))).get(0);

		Result unknown = call(FRONT_DESK, session + "/check-in", Map.of());
		assertThat(unknown.status()).isEqualTo(409);
		assertThat(unknown.json().get("detail").asString()).contains("not consented to treatment");

		Instant now = Instant.now();
		awaitHandled(consent(patientId, false, now));
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).status()).isEqualTo(409);
		awaitHandled(consent(patientId, true, now.plusSeconds(60)));
		awaitHandled(consent(patientId, false, now.minusSeconds(60)));
		assertThat(consented(patientId)).as("the newest change wins, whatever the order heard").isTrue();
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).json().get("status").asString())
			.isEqualTo("CHECKED_IN");
	}

	@Test
	void checkInIsRefusedWhileAnUrgentScreeningFindingAwaitsAClinicianAndADeclineMakesNoPlan() {
		UUID patientId = UUID.randomUUID();
		consent(patientId, true, Instant.now());
		UUID urgent = UUID.randomUUID();
		screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_ASSESSED,
				new ScreeningAssessed(new PatientId(patientId), new AssessmentId(urgent),
						new SubmissionId(UUID.randomUUID()), 1, Outcome.URGENT_SAME_DAY_REVIEW, List.of("SCR-URG-03"),
						"r1", Instant.now(), Instant.now().plusSeconds(3600), null));
		// an approval of an earlier assessment arrives while the urgent one is open
		String planId = approvedPlan(patientId, Protocol.IV_KETAMINE, Instant.now());
		awaitConsent(patientId);
		String session = "/api/scheduling/sessions/"
				+ book(planId, slot(nextMonday(32), LocalTime.of(9, 0), DemoClinic.chair(3))).get(0);

		Result held = call(FRONT_DESK, session + "/check-in", Map.of());
		assertThat(held.status()).isEqualTo(409);
		assertThat(held.json().get("detail").asString()).contains("urgent screening finding");

		screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED, new ScreeningDecided(
				new PatientId(patientId), new AssessmentId(urgent), Decision.DECLINED, null, List.of(), Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> call(FRONT_DESK, session + "/check-in", Map.of()).status() == 200);
		assertThat(plansOf(patientId)).as("a declined assessment makes no plan").hasSize(1);
	}

	@Test
	void anUrgentFindingOutlivesItsSupersedingAmendmentAndEndsOnlyByADecisionOnItOrALaterOne() {
		UUID patientId = UUID.randomUUID();
		consent(patientId, true, Instant.now());
		Instant t0 = Instant.now().minusSeconds(600);
		UUID urgent = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		assessed(patientId, urgent, submission, 1, Outcome.URGENT_SAME_DAY_REVIEW, t0, null);
		// the amendment's assessment replaces it, urgent again: the old finding stays
		// open (an amendment never lifts a hold) and the new one opens its own
		UUID amended = UUID.randomUUID();
		awaitHandled(assessed(patientId, amended, submission, 2, Outcome.URGENT_SAME_DAY_REVIEW, t0.plusSeconds(60),
				urgent));
		assertThat(openFindings(patientId)).containsExactlyInAnyOrder(urgent, amended);
		// re-sent, the superseded urgent assessment opens nothing again
		awaitHandled(assessed(patientId, urgent, submission, 1, Outcome.URGENT_SAME_DAY_REVIEW, t0, null));
		assertThat(openFindings(patientId)).containsExactlyInAnyOrder(urgent, amended);

		// a later intake of the patient is assessed and approved: the clinician's
		// decision
		// on it closes every finding assessed before it, though the amended one was never
		// decided itself (its intake was withdrawn)
		UUID later = UUID.randomUUID();
		awaitHandled(assessed(patientId, later, UUID.randomUUID(), 1, Outcome.NEEDS_CLINICIAN_REVIEW,
				t0.plusSeconds(120), null));
		assertThat(openFindings(patientId)).containsExactlyInAnyOrder(urgent, amended);
		screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patientId), new AssessmentId(later), Decision.APPROVED,
						Protocol.IV_KETAMINE, List.of(), Instant.now()));
		String planId = awaitPlan(patientId);
		awaitConsent(patientId);
		await().atMost(Duration.ofSeconds(30)).until(() -> openFindings(patientId).isEmpty());
		assertThat(closedHow(amended)).isEqualTo("LATER_DECISION");
		assertThat(closedHow(urgent)).isEqualTo("LATER_DECISION");
		String session = "/api/scheduling/sessions/"
				+ book(planId, slot(nextMonday(45), LocalTime.of(9, 0), DemoClinic.chair(1))).get(0);
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).status()).isEqualTo(200);
	}

	@Test
	void anAmendmentEditingItem9DownKeepsTheUrgentHoldUntilAClinicianDecides() {
		UUID patientId = UUID.randomUUID();
		consent(patientId, true, Instant.now());
		UUID urgent = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		Instant t0 = Instant.now().minusSeconds(600);
		awaitHandled(assessed(patientId, urgent, submission, 1, Outcome.URGENT_SAME_DAY_REVIEW, t0, null));
		// the front desk edits item 9 from 3 to 0: the amendment's assessment is not
		// urgent
		UUID amended = UUID.randomUUID();
		awaitHandled(assessed(patientId, amended, submission, 2, Outcome.NEEDS_CLINICIAN_REVIEW, t0.plusSeconds(60),
				urgent));
		assertThat(openFindings(patientId)).as("an amendment never lifts the hold").containsExactly(urgent);
		// the clinician decides the amended assessment: the finding assessed before it
		// closes
		awaitHandled(screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patientId), new AssessmentId(amended), Decision.DECLINED, null,
						List.of(), Instant.now())));
		assertThat(openFindings(patientId)).isEmpty();
		assertThat(closedHow(urgent)).isEqualTo("LATER_DECISION");
	}

	@Test
	void aBoosterIsNotApprovedNorCheckedInOnAnApprovalGivenBeforeAnUrgentFindingDeclinedSince() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(52);
		book(patient.planId(), slot(monday, LocalTime.of(8, 0), DemoClinic.chair(3)));
		// a booster approved before the urgent finding is stopped by it
		String earlyBooster = approveBooster(patient.id()).get("planId").asString();
		// the induction was completed
		this.jdbc.update("UPDATE treatment_plan SET status = 'COMPLETED' WHERE id = ?::uuid", patient.planId());
		UUID urgent = UUID.randomUUID();
		awaitHandled(assessed(patient.id(), urgent, UUID.randomUUID(), 1, Outcome.URGENT_SAME_DAY_REVIEW, Instant.now(),
				null));
		await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(planStatus(earlyBooster)));
		// a clinician approves a pending booster proposal while the finding is open
		Result refused = proposeAndApprove(patient.id());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString())
			.contains("needs a fresh clinician review after the urgent finding of");
		// the urgent assessment is declined: the finding closes, the booster still needs
		// a fresh review
		awaitHandled(screening(patient.id(), org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patient.id()), new AssessmentId(urgent), Decision.DECLINED, null,
						List.of(), Instant.now())));
		assertThat(openFindings(patient.id())).isEmpty();
		Result again = proposeAndApprove(patient.id());
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("detail").asString()).contains("urgent finding of");

		// a booster standing on that approval anyway (approved before the fix) is held
		UUID booster = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO treatment_plan (id, patient_id, protocol, kind, sessions_planned, status, created_at,
					approval_id, approved_at, clinic_id)
				SELECT ?, patient_id, protocol, 'BOOSTER', 1, 'ACTIVE', now(), approval_id, approved_at, clinic_id
				FROM treatment_plan WHERE id = ?::uuid
				""", booster, patient.planId());
		String session = "/api/scheduling/sessions/"
				+ book(booster.toString(), slot(monday.plusDays(7), LocalTime.of(8, 0), DemoClinic.chair(3))).get(0);
		Result checkIn = call(FRONT_DESK, session + "/check-in", Map.of());
		assertThat(checkIn.status()).isEqualTo(409);
		assertThat(checkIn.json().get("detail").asString()).contains("urgent finding of");
	}

	@Test
	void aPlanCreatedLateFromAnApprovalGivenBeforeAnUrgentFindingIsStoppedByIt() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		// the plan was created now from an approval given an hour ago
		this.jdbc.update("UPDATE treatment_plan SET approved_at = now() - interval '1 hour' WHERE id = ?::uuid",
				patient.planId());
		awaitHandled(assessed(patient.id(), UUID.randomUUID(), UUID.randomUUID(), 1, Outcome.URGENT_SAME_DAY_REVIEW,
				Instant.now().minus(Duration.ofMinutes(30)), null));
		assertThat(planStatus(patient.planId())).isEqualTo("CANCELLED");
	}

	@Test
	void migrationV7GivesAnOldBoosterTheApprovalOfThePatientsNewestInductionApprovedBeforeIt() throws Exception {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		this.jdbc.update("UPDATE treatment_plan SET approved_at = now() - interval '2 days' WHERE id = ?::uuid",
				patient.planId());
		UUID booster = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO treatment_plan (id, patient_id, protocol, kind, sessions_planned, status, created_at,
					clinic_id)
				SELECT ?, patient_id, protocol, 'BOOSTER', 1, 'ACTIVE', now() - interval '1 day', clinic_id
				FROM treatment_plan
				WHERE id = ?::uuid
				""", booster, patient.planId());
		String migration = new String(new org.springframework.core.io.ClassPathResource(
				"db/migration/V7__booster_approvals_and_urgent_assessments.sql")
			.getInputStream()
			.readAllBytes(), StandardCharsets.UTF_8);
		int update = migration.indexOf("UPDATE treatment_plan");
		this.jdbc.update(migration.substring(update, migration.indexOf(';', update)));
		assertThat(this.jdbc.queryForObject("SELECT approval_id FROM treatment_plan WHERE id = ?", UUID.class, booster))
			.isEqualTo(patient.assessmentId());
		assertThat(this.stopping.reviewExpired(90)).doesNotContain(booster);
	}

	@Test
	void aBoosterWhoseApprovalIsUnknownIsNotStoppedByTheReviewSweepButHeldForAFreshReview() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		UUID booster = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO treatment_plan (id, patient_id, protocol, kind, sessions_planned, status, created_at,
					clinic_id)
				SELECT ?, patient_id, protocol, 'BOOSTER', 1, 'ACTIVE', now(), clinic_id FROM treatment_plan
				WHERE id = ?::uuid
				""", booster, patient.planId());
		String session = "/api/scheduling/sessions/"
				+ book(booster.toString(), slot(nextMonday(54), LocalTime.of(8, 0), DemoClinic.chair(4))).get(0);
		assertThat(this.stopping.reviewExpired(90)).doesNotContain(booster);
		assertThat(planStatus(booster.toString())).isEqualTo("ACTIVE");
		Result checkIn = call(FRONT_DESK, session + "/check-in", Map.of());
		assertThat(checkIn.status()).isEqualTo(409);
		assertThat(checkIn.json().get("detail").asString()).contains("fresh clinician review");
	}

	@Test
	void anUrgentOutcomeHeardAfterItsDecisionOpensNothingAndStopsNoPlanAndAnOlderOneStopsOnlyOlderPlans() {
		UUID patientId = UUID.randomUUID();
		consent(patientId, true, Instant.now());
		UUID urgent = UUID.randomUUID();
		UUID submission = UUID.randomUUID();
		Instant assessedAt = Instant.now().minusSeconds(60);
		awaitHandled(assessed(patientId, urgent, submission, 1, Outcome.URGENT_SAME_DAY_REVIEW, assessedAt, null));
		assertThat(openFindings(patientId)).containsExactly(urgent);
		// the clinician reviewed the patient the same day and approved
		screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patientId), new AssessmentId(urgent), Decision.APPROVED,
						Protocol.IV_KETAMINE, List.of(), Instant.now()));
		String planId = awaitPlan(patientId);
		awaitConsent(patientId);
		assertThat(openFindings(patientId)).isEmpty();

		// the same urgent outcome, replayed after the decision
		awaitHandled(assessed(patientId, urgent, submission, 1, Outcome.URGENT_SAME_DAY_REVIEW, assessedAt, null));
		assertThat(openFindings(patientId)).as("a decided assessment stays decided").isEmpty();
		assertThat(planStatus(planId)).as("and stops no plan").isEqualTo("ACTIVE");

		// another patient: the decision is heard before the urgent outcome
		UUID other = UUID.randomUUID();
		consent(other, true, Instant.now());
		UUID otherUrgent = UUID.randomUUID();
		screening(other, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(other), new AssessmentId(otherUrgent), Decision.APPROVED,
						Protocol.IV_KETAMINE, List.of(), Instant.now()));
		String otherPlan = awaitPlan(other);
		awaitHandled(assessed(other, otherUrgent, UUID.randomUUID(), 1, Outcome.URGENT_SAME_DAY_REVIEW,
				Instant.now().minusSeconds(60), null));
		assertThat(openFindings(other)).isEmpty();
		assertThat(planStatus(otherPlan)).isEqualTo("ACTIVE");

		// an urgent outcome of an assessment made before the plan holds the patient but
		// stops only plans made before it
		UUID older = UUID.randomUUID();
		awaitHandled(assessed(patientId, older, UUID.randomUUID(), 1, Outcome.URGENT_SAME_DAY_REVIEW,
				Instant.now().minus(Duration.ofDays(1)), null));
		assertThat(openFindings(patientId)).containsExactly(older);
		assertThat(planStatus(planId)).isEqualTo("ACTIVE");
		String session = "/api/scheduling/sessions/"
				+ book(planId, slot(nextMonday(46), LocalTime.of(9, 0), DemoClinic.chair(1))).get(0);
		Result held = call(FRONT_DESK, session + "/check-in", Map.of());
		assertThat(held.status()).isEqualTo(409);
		assertThat(held.json().get("detail").asString()).contains("urgent screening finding");
	}

	@Test
	void aDeclineOrARequestForMoreInformationMakesNoPlan() {
		UUID patientId = UUID.randomUUID();
		String declined = screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patientId), new AssessmentId(UUID.randomUUID()), Decision.DECLINED,
						Protocol.IV_KETAMINE, List.of(), Instant.now()));
		String moreInfo = screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patientId), new AssessmentId(UUID.randomUUID()),
						Decision.MORE_INFO_REQUESTED, Protocol.ESKETAMINE, List.of(), Instant.now()));
		awaitHandled(declined);
		awaitHandled(moreInfo);
		assertThat(plansOf(patientId)).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM treatment_plan WHERE patient_id = ?", Integer.class,
				patientId))
			.isZero();
	}

	@Test
	void checkInIsRefusedWhileAnUrgentAlertIsOpenAndAllowedOnceAClinicianAcknowledgesIt() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		String session = "/api/scheduling/sessions/"
				+ book(patient.planId(), slot(nextMonday(33), LocalTime.of(9, 0), DemoClinic.chair(4))).get(0);
		UUID alertId = UUID.randomUUID();
		alertRaised(patient.id(), alertId, "CHECK_IN");

		Result held = call(FRONT_DESK, session + "/check-in", Map.of());
		assertThat(held.status()).isEqualTo(409);
		assertThat(held.json().get("detail").asString()).contains("urgent alert");

		alertAcknowledged(patient.id(), alertId);
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).json().get("status").asString())
			.isEqualTo("CHECKED_IN");
	}

	@Test
	void anUrgentAlertRaisedReplayedAfterItsAcknowledgementNeverHoldsTheDoseAgain() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		String session = "/api/scheduling/sessions/"
				+ book(patient.planId(), slot(nextMonday(57), LocalTime.of(9, 0), DemoClinic.chair(4))).get(0);
		UUID alertId = UUID.randomUUID();
		UrgentAlertRaised raised = new UrgentAlertRaised(new PatientId(patient.id()), new AlertId(alertId),
				AlertSource.CHECK_IN, Instant.now(), null, 1L);
		awaitHandled(send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patient.id(),
				org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_RAISED, raised));
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).status()).isEqualTo(409);
		awaitHandled(send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patient.id(),
				org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_ACKNOWLEDGED, new UrgentAlertAcknowledged(
						new PatientId(patient.id()), new AlertId(alertId), Instant.now(), null, 2L)));

		// the raise again, as a new delivery the inbox has not seen (a replay)
		awaitHandled(send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patient.id(),
				org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_RAISED, raised));
		assertThat(this.jdbc.queryForObject("SELECT version FROM urgent_alert WHERE alert_id = ?", Long.class, alertId))
			.as("the acknowledgement's version stands")
			.isEqualTo(2L);
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).json().get("status").asString())
			.as("the replayed raise does not hold the dose again")
			.isEqualTo("CHECKED_IN");

		// heard the other way round (acknowledgement first), the raise still tells its
		// source but holds nothing
		UUID early = UUID.randomUUID();
		awaitHandled(send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patient.id(),
				org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_ACKNOWLEDGED,
				new UrgentAlertAcknowledged(new PatientId(patient.id()), new AlertId(early), Instant.now(), null, 2L)));
		awaitHandled(send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patient.id(),
				org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_RAISED,
				new UrgentAlertRaised(new PatientId(patient.id()), new AlertId(early), AlertSource.PRE_DOSE,
						Instant.now(), null, 1L)));
		assertThat(this.jdbc.queryForObject("SELECT source FROM urgent_alert WHERE alert_id = ?", String.class, early))
			.isEqualTo("PRE_DOSE");
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM urgent_alert WHERE patient_id = ? AND received_at IS NOT NULL
					AND acknowledged_received_at IS NULL
				""", Integer.class, patient.id())).as("no open alert holds the patient").isZero();
	}

	// ---- versions (issue 19)

	@Test
	void everyChangeOfASessionOrPlanIncrementsItsVersionAndItsEventCarriesIt() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(58);
		List<String> sessions = book(patient.planId(), slot(monday, LocalTime.of(10, 0), DemoClinic.chair(3)),
				slot(monday.plusDays(4), LocalTime.of(10, 0), DemoClinic.chair(3)));
		String first = "/api/scheduling/sessions/" + sessions.get(0);
		assertThat(call(FRONT_DESK, first + "/reschedule",
				slot(monday.plusDays(1), LocalTime.of(10, 0), DemoClinic.chair(3)))
			.status()).isEqualTo(200);
		assertThat(call(FRONT_DESK, first + "/missed", Map.of()).status()).isEqualTo(200);
		assertThat(call(FRONT_DESK, first + "/status-correction",
				Map.of("status", "BOOKED", "reason", "Marked missed by mistake"))
			.status()).isEqualTo(200);
		assertThat(call(FRONT_DESK, first + "/cancellation", Map.of("reasonCode", "PATIENT_REQUEST")).status())
			.isEqualTo(200);
		assertThat(call(CLINICIAN, "/api/scheduling/plans/" + patient.planId() + "/cancellation",
				Map.of("reason", "Patient moving abroad"))
			.status()).isEqualTo(200);

		List<ConsumerRecord<String, byte[]>> events = events(patient.id(), 9);
		List<String> ofFirst = new ArrayList<>();
		List<String> ofSecond = new ArrayList<>();
		List<String> ofPlan = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : events) {
			JsonNode event = data(record);
			assertThat(new EventSchemas().violations(type(record), event)).isEmpty();
			if (event.has("sessionVersion")) {
				String sessionId = event.get("sessionId").asString();
				(sessionId.equals(sessions.get(0)) ? ofFirst : ofSecond)
					.add(type(record) + " " + event.get("sessionVersion").asLong());
			}
			else if (event.has("planVersion")) {
				ofPlan.add(type(record) + " " + event.get("planVersion").asLong());
			}
		}
		assertThat(ofFirst).containsExactly(EventTypes.SESSION_BOOKED + " 1", EventTypes.SESSION_RESCHEDULED + " 2",
				EventTypes.SESSION_MISSED + " 3", EventTypes.SESSION_STATUS_CORRECTED + " 4",
				EventTypes.SESSION_CANCELLED + " 5");
		assertThat(ofSecond).containsExactly(EventTypes.SESSION_BOOKED + " 1", EventTypes.SESSION_CANCELLED + " 2");
		assertThat(ofPlan).containsExactly(EventTypes.TREATMENT_PLAN_CREATED + " 1",
				EventTypes.TREATMENT_PLAN_STOPPED + " 2");
	}

	// ---- the pre-dose check, the gate and the record

	@Test
	void aSessionStartsOnlyAfterAFullPreDoseCheckWithAnEscortAndASignedInPrescribersConfirmation() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		String session = checkedIn(patient, nextMonday(34), DemoClinic.chair(1));

		Result noCheck = call(CLINICIAN, session + "/start", Map.of());
		assertThat(noCheck.status()).isEqualTo(409);
		assertThat(noCheck.json().get("detail").asString()).contains("pre-dose check");

		Map<String, Object> unanswered = preDose(120, 80, negative(), true);
		((Map<?, ?>) unanswered.get("safety")).remove("wishDead");
		Result missing = call(CLINICIAN, session + "/pre-dose", unanswered);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().findValuesAsString("field")).containsExactly("safety.wishDead");
		Map<String, Object> noSafety = preDose(120, 80, negative(), true);
		noSafety.remove("safety");
		assertThat(call(CLINICIAN, session + "/pre-dose", noSafety).json().findValuesAsString("field"))
			.containsExactly("safety");
		Map<String, Object> typedName = preDose(150, 85, negative(), true);
		typedName.put("prescriberConfirmedBy", "Dr. Priya Nair");
		assertThat(call(CLINICIAN, session + "/pre-dose", typedName).json().findValuesAsString("field"))
			.as("a prescriber is a signed-in clinician, never a typed name")
			.containsExactly("prescriberConfirmedBy");
		assertThat(call(CLINICIAN, session + "/start", Map.of()).status()).as("nothing was recorded").isEqualTo(409);

		JsonNode noEscort = call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), false)).json();
		assertThat(noEscort.get("canStart").asBoolean()).isFalse();
		Result withoutEscort = call(CLINICIAN, session + "/start", Map.of());
		assertThat(withoutEscort.status()).isEqualTo(409);
		assertThat(withoutEscort.json().get("detail").asString()).contains("escort");

		JsonNode elevated = call(CLINICIAN, session + "/pre-dose", preDose(150, 85, negative(), true)).json();
		assertThat(elevated.get("result").asString()).isEqualTo("PRESCRIBER_CONFIRMATION_REQUIRED");
		assertThat(call(CLINICIAN, session + "/start", Map.of()).json().get("detail").asString())
			.contains("prescriber");
		assertThat(call(FRONT_DESK, session + "/prescriber-confirmation", Map.of()).status()).isEqualTo(403);
		JsonNode confirmed = call(CLINICIAN, session + "/prescriber-confirmation", Map.of()).json();
		assertThat(confirmed.get("confirmed").asBoolean()).isTrue();
		assertThat(confirmed.get("prescriberConfirmedBy").asString()).isEqualTo("dr-kim");
		assertThat(confirmed.get("canStart").asBoolean()).isTrue();
		assertThat(call(CLINICIAN, session + "/start", Map.of()).json().get("status").asString())
			.isEqualTo("IN_PROGRESS");

		Instant start = startedAgo(session, Duration.ofMinutes(110));
		Map<String, Object> early = completion(start, start.plusSeconds(2400), start.plusSeconds(2400 + 59 * 60));
		Result tooEarly = call(CLINICIAN, session + "/completion", early);
		assertThat(tooEarly.status()).isEqualTo(400);
		assertThat(tooEarly.json().findValuesAsString("field")).containsExactly("dischargedAt");
		Result done = call(CLINICIAN, session + "/completion",
				completion(start, start.plusSeconds(2400), start.plusSeconds(2400 + 60 * 60)));
		assertThat(done.json().get("status").asString()).isEqualTo("COMPLETED");

		Result corrected = call(CLINICIAN, session + "/status-correction",
				Map.of("status", "CHECKED_IN", "reason", "Recorded on the wrong patient"));
		assertThat(corrected.status()).as("a completed session's record stands").isEqualTo(409);
		List<ConsumerRecord<String, byte[]>> events = events(patient.id(), 3);
		JsonNode completed = data(ofType(events, EventTypes.SESSION_COMPLETED).get(0));
		assertThat(completed.get("escortConfirmed").asBoolean()).isTrue();
		assertThat(completed.get("preDoseSystolicBp").asInt()).isEqualTo(150);
	}

	@Test
	void aPreDoseCheckCountsOnlyForTheCheckInItWasTakenUnderAndASessionInProgressIsNeverCorrected() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(44);
		String session = checkedIn(patient, monday, DemoClinic.chair(1));
		assertThat(call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true)).json()
			.get("canStart")
			.asBoolean()).isTrue();

		// Monday's clear check and escort, then: back to booked, moved to Thursday,
		// checked in
		assertThat(call(FRONT_DESK, session + "/status-correction",
				Map.of("status", "BOOKED", "reason", "Checked in the wrong day"))
			.status()).isEqualTo(200);
		assertThat(call(FRONT_DESK, session + "/reschedule",
				slot(monday.plusDays(3), LocalTime.of(13, 0), DemoClinic.chair(1)))
			.status()).isEqualTo(200);
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).status()).isEqualTo(200);
		Result stale = call(CLINICIAN, session + "/start", Map.of());
		assertThat(stale.status()).as("Monday's vitals never start Thursday's dose").isEqualTo(409);
		assertThat(stale.json().get("detail").asString()).contains("record the pre-dose check");
		assertThat(call(CLINICIAN, session + "/prescriber-confirmation", Map.of()).status()).isEqualTo(409);
		assertThat(
				this.jdbc.queryForObject("SELECT pre_dose_void_reason FROM session_record WHERE session_id = ?::uuid",
						String.class, session.substring(session.lastIndexOf('/') + 1)))
			.as("the old check is kept for the record, void")
			.isEqualTo("STATUS_BOOKED");

		// checked in, checked again, then corrected to missed and back: the check is gone
		// again
		assertThat(call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true)).json()
			.get("canStart")
			.asBoolean()).isTrue();
		assertThat(call(FRONT_DESK, session + "/status-correction",
				Map.of("status", "MISSED", "reason", "Left before dosing"))
			.status()).isEqualTo(200);
		assertThat(
				call(FRONT_DESK, session + "/status-correction", Map.of("status", "CHECKED_IN", "reason", "Came back"))
					.status())
			.isEqualTo(200);
		assertThat(call(CLINICIAN, session + "/start", Map.of()).status()).isEqualTo(409);

		assertThat(call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true)).json()
			.get("canStart")
			.asBoolean()).isTrue();
		assertThat(call(CLINICIAN, session + "/start", Map.of()).json().get("status").asString())
			.isEqualTo("IN_PROGRESS");
		for (String status : List.of("CHECKED_IN", "BOOKED", "MISSED", "CANCELLED")) {
			Result corrected = call(CLINICIAN, session + "/status-correction",
					Map.of("status", status, "reason", "Start again"));
			assertThat(corrected.status()).as("a correction from in progress to " + status + " opens no second dose")
				.isEqualTo(409);
			assertThat(corrected.json().get("detail").asString()).contains("in progress");
		}
		assertThat(status(session)).isEqualTo("IN_PROGRESS");
	}

	@Test
	void aPositiveSafetyAnswerHoldsTheDosePagesOnceAndLiftsOnlyAfterTheAlertIsAcknowledgedAndANewNegativeCheck() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		String session = checkedIn(patient, nextMonday(35), DemoClinic.chair(2));
		Map<String, Object> positive = preDose(120, 80, negative(), true);
		((Map<String, Object>) positive.get("safety")).put("wishDead", true);

		JsonNode held = call(CLINICIAN, session + "/pre-dose", positive).json();
		assertThat(held.get("held").asBoolean()).isTrue();
		assertThat(held.get("canStart").asBoolean()).isFalse();
		assertThat(call(CLINICIAN, session + "/pre-dose", positive).status()).as("a retry").isEqualTo(200);
		Result refused = call(CLINICIAN, session + "/start", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("held");

		assertThat(call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true)).json()
			.get("canStart")
			.asBoolean()).as("a negative check before the on-call clinician acknowledged lifts nothing").isFalse();
		assertThat(call(CLINICIAN, session + "/start", Map.of()).json().get("detail").asString())
			.contains("acknowledgement");

		UUID alertId = UUID.randomUUID();
		alertRaised(patient.id(), alertId, "PRE_DOSE");
		alertAcknowledged(patient.id(), alertId);
		assertThat(call(CLINICIAN, session + "/start", Map.of()).json().get("detail").asString())
			.contains("new pre-dose check");
		assertThat(call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true)).json()
			.get("canStart")
			.asBoolean()).isTrue();
		assertThat(call(CLINICIAN, session + "/start", Map.of()).json().get("status").asString())
			.isEqualTo("IN_PROGRESS");

		List<ConsumerRecord<String, byte[]>> concerns = ofType(events(patient.id(), 2),
				EventTypes.PRE_DOSE_CONCERN_RAISED);
		assertThat(concerns).as("the retry paged no one twice").hasSize(1);
		JsonNode concern = data(concerns.get(0));
		assertThat(concern.get("reasons").toString()).isEqualTo("[\"CSSRS_WISH_DEAD\"]");
		assertThat(concern.get("locationId").asString()).isEqualTo(DemoClinic.LOCATION.toString());
		assertThat(new EventSchemas().violations(EventTypes.PRE_DOSE_CONCERN_RAISED, concern)).isEmpty();
	}

	@Test
	void aSystolicOf180IsAnUrgentDeferralThatPagesAndNeverAsksForAPrescriber() {
		Patient patient = consentedPatientWithPlan(Protocol.ESKETAMINE);
		String session = checkedIn(patient, nextMonday(36), DemoClinic.chair(3));

		JsonNode severe = call(CLINICIAN, session + "/pre-dose", preDose(180, 85, negative(), true)).json();
		assertThat(severe.get("result").asString()).isEqualTo("URGENT_DEFERRAL");
		assertThat(call(CLINICIAN, session + "/prescriber-confirmation", Map.of()).status()).isEqualTo(409);
		Result refused = call(CLINICIAN, session + "/start", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("severe range");

		JsonNode concern = data(ofType(events(patient.id(), 2), EventTypes.PRE_DOSE_CONCERN_RAISED).get(0));
		assertThat(concern.get("reasons").toString()).isEqualTo("[\"SEVERE_BLOOD_PRESSURE\"]");

		Result deferred = call(CLINICIAN, session + "/pre-dose", preDose(175, 105, negative(), true));
		assertThat(deferred.json().get("result").asString()).isEqualTo("DEFERRED");
		assertThat(call(CLINICIAN, session + "/start", Map.of()).status()).isEqualTo(409);
	}

	@Test
	void esketamineIsObservedForTwoHoursBeforeDischarge() {
		Patient patient = consentedPatientWithPlan(Protocol.ESKETAMINE);
		String session = checkedIn(patient, nextMonday(37), DemoClinic.chair(4));
		call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true));
		assertThat(call(CLINICIAN, session + "/start", Map.of()).status()).isEqualTo(200);
		Instant start = startedAgo(session, Duration.ofMinutes(140));
		Map<String, Object> early = completion(start, start.plusSeconds(600), start.plusSeconds(600 + 119 * 60));
		early.put("route", "INTRANASAL");
		early.remove("escortConfirmed");
		assertThat(call(CLINICIAN, session + "/completion", early).json().findValuesAsString("field"))
			.containsExactly("dischargedAt");
		early.put("dischargedAt", start.plusSeconds(600 + 120 * 60).toString());
		assertThat(call(CLINICIAN, session + "/completion", early).json().get("status").asString())
			.as("the escort was confirmed before dosing")
			.isEqualTo("COMPLETED");
	}

	@Test
	void aSeverePressureAboveTheOldFormLimitsIsAnUrgentDeferralThatPagesNeverA400() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		String session = checkedIn(patient, nextMonday(47), DemoClinic.chair(2));

		Result severe = call(CLINICIAN, session + "/pre-dose", preDose(290, 190, negative(), true));
		assertThat(severe.status()).as(severe.json().toString()).isEqualTo(200);
		assertThat(severe.json().get("result").asString()).isEqualTo("URGENT_DEFERRAL");
		assertThat(severe.json().get("held").asBoolean()).isTrue();
		assertThat(call(CLINICIAN, session + "/start", Map.of()).json().get("detail").asString())
			.contains("severe range");
		JsonNode concern = data(ofType(events(patient.id(), 2), EventTypes.PRE_DOSE_CONCERN_RAISED).get(0));
		assertThat(concern.get("reasons").toString()).isEqualTo("[\"SEVERE_BLOOD_PRESSURE\"]");

		assertThat(call(CLINICIAN, session + "/pre-dose", preDose(351, 251, negative(), true)).json()
			.findValuesAsString("field")).as("only an impossible reading is refused")
			.containsExactlyInAnyOrder("systolicBp", "diastolicBp");
	}

	@Test
	void completionTimesAreCheckedAgainstTheRecordedStartAndTheClockAndANullSideEffectIsA400() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		String session = checkedIn(patient, nextMonday(48), DemoClinic.chair(3));
		call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true));
		assertThat(call(CLINICIAN, session + "/start", Map.of()).status()).isEqualTo(200);
		Instant now = Instant.now();

		Result invented = call(CLINICIAN, session + "/completion",
				completion(now.minusSeconds(3 * 3600), now.minusSeconds(2 * 3600 + 1200), now.minusSeconds(3600)));
		assertThat(invented.status()).as("an hour of observation made up before the start").isEqualTo(400);
		assertThat(invented.json().findValuesAsString("field")).containsExactly("startedAt");

		Result future = call(CLINICIAN, session + "/completion",
				completion(now, now.plusSeconds(2400), now.plusSeconds(2400 + 3600)));
		assertThat(future.status()).as("a discharge recorded ahead of time").isEqualTo(400);
		assertThat(future.json().findValuesAsString("field")).containsExactly("dischargedAt");
		assertThat(future.json().toString()).contains("future");

		Instant start = startedAgo(session, Duration.ofMinutes(105));
		Map<String, Object> nullSideEffect = completion(start, start.plusSeconds(2400), start.plusSeconds(2400 + 3600));
		nullSideEffect.put("sideEffects", Arrays.asList((Object) null));
		Result nullCode = call(CLINICIAN, session + "/completion", nullSideEffect);
		assertThat(nullCode.status()).isEqualTo(400);
		assertThat(nullCode.json().findValuesAsString("field")).containsExactly("sideEffects");

		Instant skewed = start.minusSeconds(90);
		Result done = call(CLINICIAN, session + "/completion",
				completion(skewed, skewed.plusSeconds(2400), skewed.plusSeconds(2400 + 3600)));
		assertThat(done.json().get("status").asString()).as("a device clock 90 s behind is fine")
			.isEqualTo("COMPLETED");
	}

	@Test
	void aHoldAppearingDuringTheDoseRefusesTheCompletionSayingWhatToDoAndItIsRecordedOnceTheHoldIsResolved() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		String session = checkedIn(patient, nextMonday(50), DemoClinic.chair(4));
		call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true));
		assertThat(call(CLINICIAN, session + "/start", Map.of()).status()).isEqualTo(200);
		UUID alertId = UUID.randomUUID();
		alertRaised(patient.id(), alertId, "CHECK_IN");

		Instant start = startedAgo(session, Duration.ofMinutes(105));
		Map<String, Object> completion = completion(start, start.plusSeconds(2400), start.plusSeconds(2400 + 3600));
		Result held = call(CLINICIAN, session + "/completion", completion);
		assertThat(held.status()).isEqualTo(409);
		assertThat(held.json().get("detail").asString()).contains("urgent alert")
			.contains("stays in progress")
			.contains("send this completion again once the hold is resolved");
		assertThat(status(session)).isEqualTo("IN_PROGRESS");

		alertAcknowledged(patient.id(), alertId);
		assertThat(call(CLINICIAN, session + "/completion", completion).json().get("status").asString())
			.as("the dose given is recorded once the hold is resolved")
			.isEqualTo("COMPLETED");

		Patient stopped = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		String other = checkedIn(stopped, nextMonday(50), DemoClinic.chair(3));
		call(CLINICIAN, other + "/pre-dose", preDose(120, 80, negative(), true));
		assertThat(call(CLINICIAN, other + "/start", Map.of()).status()).isEqualTo(200);
		assertThat(call(CLINICIAN, "/api/scheduling/plans/" + stopped.planId() + "/cancellation",
				Map.of("reason", "Stopped during the infusion"))
			.status()).isEqualTo(200);
		Instant otherStart = startedAgo(other, Duration.ofMinutes(105));
		Result stoppedMidDose = call(CLINICIAN, other + "/completion",
				completion(otherStart, otherStart.plusSeconds(2400), otherStart.plusSeconds(2400 + 3600)));
		assertThat(stoppedMidDose.status()).isEqualTo(409);
		assertThat(stoppedMidDose.json().get("detail").asString()).contains("not active").contains("clinical record");
		assertThat(status(other)).as("a session in progress is left to its clinician").isEqualTo("IN_PROGRESS");
	}

	// ---- a stopped plan stops everything

	@Test
	void aWithdrawnIntakeCancelsEveryFutureSessionOfThePlanAndTellsTheFrontDeskOnce() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(38);
		List<String> sessions = book(patient.planId(), slot(monday, LocalTime.of(10, 0), DemoClinic.chair(1)),
				slot(monday.plusDays(2), LocalTime.of(10, 0), DemoClinic.chair(1)));
		assertThat(call(FRONT_DESK, "/api/scheduling/sessions/" + sessions.get(0) + "/check-in", Map.of()).status())
			.isEqualTo(200);

		screening(patient.id(), org.ketaclinic.screening.events.EventTypes.APPROVAL_WITHDRAWN,
				new ApprovalWithdrawn(new PatientId(patient.id()), new AssessmentId(patient.assessmentId()),
						new SubmissionId(UUID.randomUUID()), Instant.now()));

		assertStopped(patient, sessions, "APPROVAL_WITHDRAWN",
				slot(monday.plusDays(4), LocalTime.of(10, 0), DemoClinic.chair(1)));
	}

	@Test
	void aSupersedingAssessmentCancelsTheFutureSessionsOfThePlanStandingOnTheOldApproval() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(39);
		List<String> sessions = book(patient.planId(), slot(monday, LocalTime.of(10, 0), DemoClinic.chair(2)),
				slot(monday.plusDays(2), LocalTime.of(10, 0), DemoClinic.chair(2)));

		screening(patient.id(), org.ketaclinic.screening.events.EventTypes.SCREENING_ASSESSED,
				new ScreeningAssessed(new PatientId(patient.id()), new AssessmentId(UUID.randomUUID()),
						new SubmissionId(UUID.randomUUID()), 2, Outcome.NEEDS_CLINICIAN_REVIEW, List.of("SCR-REV-01"),
						"r1", Instant.now(), Instant.now().plusSeconds(3600),
						new AssessmentId(patient.assessmentId())));

		assertStopped(patient, sessions, "APPROVAL_SUPERSEDED",
				slot(monday.plusDays(4), LocalTime.of(10, 0), DemoClinic.chair(2)));
	}

	@Test
	void aNewUrgentAssessmentStopsEveryActivePlanOfThePatient() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(40);
		List<String> sessions = book(patient.planId(), slot(monday, LocalTime.of(10, 0), DemoClinic.chair(3)));

		screening(patient.id(), org.ketaclinic.screening.events.EventTypes.SCREENING_ASSESSED,
				new ScreeningAssessed(new PatientId(patient.id()), new AssessmentId(UUID.randomUUID()),
						new SubmissionId(UUID.randomUUID()), 1, Outcome.URGENT_SAME_DAY_REVIEW, List.of("SCR-URG-01"),
						"r1", Instant.now(), Instant.now().plusSeconds(3600), null));

		assertStopped(patient, sessions, "URGENT_FINDING",
				slot(monday.plusDays(2), LocalTime.of(10, 0), DemoClinic.chair(3)));
	}

	@Test
	void aClinicianCancelsAPlanWithAReasonOnceAndNothingMoreCanBeBookedOrCheckedIn() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(41);
		List<String> sessions = book(patient.planId(), slot(monday, LocalTime.of(10, 0), DemoClinic.chair(4)),
				slot(monday.plusDays(2), LocalTime.of(10, 0), DemoClinic.chair(4)));
		String cancellation = "/api/scheduling/plans/" + patient.planId() + "/cancellation";

		assertThat(call(CLINICIAN, cancellation, Map.of()).json().findValuesAsString("field"))
			.containsExactly("reason");
		assertThat(call(FRONT_DESK, cancellation, Map.of("reason", "Moving away")).status()).isEqualTo(403);
		Result cancelled = call(CLINICIAN, cancellation, Map.of("reason", "Patient moving abroad"));
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(call(CLINICIAN, cancellation, Map.of("reason", "Patient moving abroad")).json()
			.get("status")
			.asString()).isEqualTo("CANCELLED");
		Result checkIn = call(FRONT_DESK, "/api/scheduling/sessions/" + sessions.get(0) + "/check-in", Map.of());
		assertThat(checkIn.status()).isEqualTo(409);

		assertStopped(patient, sessions, "PLAN_CANCELLED",
				slot(monday.plusDays(4), LocalTime.of(10, 0), DemoClinic.chair(4)));
		assertThat(new String(ofType(events(patient.id(), 4), EventTypes.TREATMENT_PLAN_STOPPED).get(0).value(),
				StandardCharsets.UTF_8))
			.doesNotContain("abroad");
	}

	@Test
	void aBoosterStandsOnItsApprovalAndStopsWithItAndNeedsAFreshReviewAfterNinetyDays() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(42);
		book(patient.planId(), slot(monday, LocalTime.of(8, 0), DemoClinic.chair(1)));
		String boosterPlan = approveBooster(patient.id()).get("planId").asString();
		String booster = book(boosterPlan, slot(monday.plusDays(7), LocalTime.of(8, 0), DemoClinic.chair(1))).get(0);

		screening(patient.id(), org.ketaclinic.screening.events.EventTypes.APPROVAL_WITHDRAWN,
				new ApprovalWithdrawn(new PatientId(patient.id()), new AssessmentId(patient.assessmentId()),
						new SubmissionId(UUID.randomUUID()), Instant.now()));
		await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(planStatus(boosterPlan)));
		assertThat(status("/api/scheduling/sessions/" + booster)).isEqualTo("CANCELLED");

		UUID old = UUID.randomUUID();
		consent(old, true, Instant.now());
		approvedPlan(old, Protocol.IV_KETAMINE, Instant.now().minus(Duration.ofDays(91)));
		Result stale = proposeAndApprove(old);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("detail").asString()).contains("fresh clinician review");
	}

	@Test
	void aBoosterPastTheMaintenanceReviewIsNeitherStartedNorCheckedInAndIsStoppedForAFreshReview() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		LocalDate monday = nextMonday(49);
		book(patient.planId(), slot(monday, LocalTime.of(8, 0), DemoClinic.chair(2)));
		String boosterPlan = approveBooster(patient.id()).get("planId").asString();
		String session = "/api/scheduling/sessions/"
				+ book(boosterPlan, slot(monday.plusDays(7), LocalTime.of(8, 0), DemoClinic.chair(2))).get(0);
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).status()).isEqualTo(200);
		assertThat(call(CLINICIAN, session + "/pre-dose", preDose(120, 80, negative(), true)).json()
			.get("canStart")
			.asBoolean()).isTrue();

		// the day passes on which the approval it stands on turns 91 days old
		this.jdbc.update("UPDATE treatment_plan SET approved_at = now() - interval '91 days' WHERE id = ?::uuid",
				boosterPlan);
		Result start = call(CLINICIAN, session + "/start", Map.of());
		assertThat(start.status()).isEqualTo(409);
		assertThat(start.json().get("detail").asString()).contains("fresh clinician review");
		assertThat(call(FRONT_DESK, session + "/status-correction",
				Map.of("status", "BOOKED", "reason", "Send her home for a review"))
			.status()).isEqualTo(200);
		Result checkIn = call(FRONT_DESK, session + "/check-in", Map.of());
		assertThat(checkIn.status()).isEqualTo(409);
		assertThat(checkIn.json().get("detail").asString()).contains("fresh clinician review");

		assertThat(this.stopping.reviewExpired(90)).contains(UUID.fromString(boosterPlan));
		assertThat(planStatus(boosterPlan)).isEqualTo("CANCELLED");
		assertThat(planStatus(patient.planId())).as("the induction is no booster").isEqualTo("ACTIVE");
		assertThat(status(session)).isEqualTo("CANCELLED");
		List<JsonNode> stops = ofType(events(patient.id(), 8), EventTypes.TREATMENT_PLAN_STOPPED).stream()
			.map(PublishedEvents::data)
			.toList();
		assertThat(stops).singleElement().satisfies((stop) -> {
			assertThat(stop.get("reasonCode").asString()).isEqualTo("REVIEW_EXPIRED");
			assertThat(new EventSchemas().violations(EventTypes.TREATMENT_PLAN_STOPPED, stop)).isEmpty();
		});
	}

	// ---- the database's own guard

	@Test
	void theDatabaseRefusesOverlappingSessionsInsertedStraightIntoIt() {
		Patient patient = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		Patient other = consentedPatientWithPlan(Protocol.IV_KETAMINE);
		Instant start = ZonedDateTime.of(nextMonday(43), LocalTime.of(11, 0), NEW_YORK).toInstant();
		insertSession(UUID.fromString(patient.planId()), patient.id(), DemoClinic.chair(2), start);

		assertThatThrownBy(() -> insertSession(UUID.fromString(other.planId()), other.id(), DemoClinic.chair(2),
				start.plus(Duration.ofMinutes(30))))
			.as("one chair, overlapping times")
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("session_chair_free");
		assertThatThrownBy(() -> insertSession(UUID.fromString(patient.planId()), patient.id(), DemoClinic.chair(3),
				start.plus(Duration.ofMinutes(119))))
			.as("one patient in two chairs")
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("session_patient_free");
		insertSession(UUID.fromString(other.planId()), other.id(), DemoClinic.chair(2),
				start.plus(Duration.ofMinutes(120)));
	}

	// ---- fixtures

	private void assertStopped(Patient patient, List<String> sessions, String reasonCode, Map<String, Object> more) {
		await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(planStatus(patient.planId())));
		sessions.forEach((s) -> assertThat(status("/api/scheduling/sessions/" + s)).isEqualTo("CANCELLED"));
		Result booking = call(FRONT_DESK, "/api/scheduling/plans/" + patient.planId() + "/bookings",
				Map.of("sessions", List.of(more)));
		assertThat(booking.status()).as("nothing more is booked on a stopped plan").isEqualTo(409);

		List<ConsumerRecord<String, byte[]>> events = events(patient.id(), 2 + 2 * sessions.size());
		List<JsonNode> cancelled = ofType(events, EventTypes.SESSION_CANCELLED).stream()
			.map(PublishedEvents::data)
			.toList();
		assertThat(cancelled).hasSize(sessions.size());
		cancelled.forEach((c) -> assertThat(c.get("reasonCode").asString()).isEqualTo("PLAN_STOPPED"));
		List<ConsumerRecord<String, byte[]>> stopped = ofType(events, EventTypes.TREATMENT_PLAN_STOPPED);
		assertThat(stopped).hasSize(1);
		JsonNode stop = data(stopped.get(0));
		assertThat(stop.get("reasonCode").asString()).isEqualTo(reasonCode);
		List<String> listed = new ArrayList<>();
		stop.get("cancelledSessionIds").forEach((id) -> listed.add(id.asString()));
		assertThat(listed).containsExactlyInAnyOrderElementsOf(sessions);
		EventSchemas schemas = new EventSchemas();
		events.forEach((e) -> assertThat(schemas.violations(type(e), data(e))).isEmpty());
	}

	private void insertSession(UUID planId, UUID patientId, UUID chairId, Instant start) {
		this.jdbc.update(
				"""
						INSERT INTO session (id, plan_id, patient_id, location_id, chair_id, sequence, starts_at, ends_at, status,
							created_at, clinic_id) VALUES (?, ?, ?, ?, ?, 1, ?, ?, 'BOOKED', now(), 'main')
						""",
				UUID.randomUUID(), planId, patientId, DemoClinic.LOCATION, chairId, Timestamp.from(start),
				Timestamp.from(start.plus(Duration.ofMinutes(120))));
	}

	private JsonNode approveBooster(UUID patientId) {
		Result approved = proposeAndApprove(patientId);
		assertThat(approved.status()).isEqualTo(200);
		return approved.json();
	}

	private Result proposeAndApprove(UUID patientId) {
		send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patientId,
				org.ketaclinic.followup.events.EventTypes.RELAPSE_RISK_DETECTED,
				new RelapseRiskDetected(new PatientId(patientId), new CheckInId(UUID.randomUUID()),
						List.of(RelapseRiskDetected.Reason.LOSS_OF_RESPONSE), 20, 15, Instant.now()));
		JsonNode[] proposal = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			get("/api/scheduling/booster-proposals").forEach((p) -> {
				if (p.get("patientId").asString().equals(patientId.toString())) {
					proposal[0] = p;
				}
			});
			return proposal[0] != null;
		});
		return call(CLINICIAN,
				"/api/scheduling/booster-proposals/" + proposal[0].get("proposalId").asString() + "/approval",
				Map.of("note", "Booster before the effect fades"));
	}

	/**
	 * Moves the recorded start of a session in progress back, as if it was started that
	 * long ago; returns the new start.
	 */
	private Instant startedAgo(String session, Duration ago) {
		Instant start = Instant.now().minus(ago);
		assertThat(this.jdbc.update(
				"UPDATE session_status_history SET changed_at = ? WHERE session_id = ?::uuid AND status = 'IN_PROGRESS'",
				Timestamp.from(start), session.substring(session.lastIndexOf('/') + 1)))
			.isEqualTo(1);
		return start;
	}

	private String checkedIn(Patient patient, LocalDate day, UUID chair) {
		String session = "/api/scheduling/sessions/"
				+ book(patient.planId(), slot(day, LocalTime.of(13, 0), chair)).get(0);
		assertThat(call(FRONT_DESK, session + "/check-in", Map.of()).status()).isEqualTo(200);
		return session;
	}

	private static Map<String, Object> negative() {
		return new HashMap<>(Map.of("phq9Item9", 0, "wishDead", false, "activeThoughts", false, "method", false,
				"intent", false, "planWithIntent", false, "behaviour", false));
	}

	private static Map<String, Object> preDose(int systolic, int diastolic, Map<String, Object> safety,
			boolean escort) {
		return new HashMap<>(Map.of("systolicBp", systolic, "diastolicBp", diastolic, "heartRate", 76, "spo2", 98,
				"ageYears", 44, "safety", safety, "escortConfirmed", escort));
	}

	private static Map<String, Object> completion(Instant startedAt, Instant endedAt, Instant dischargedAt) {
		return new HashMap<>(Map.of("doseMgPerKg", 0.5, "doseTotalMg", 35, "route", "IV", "startedAt",
				startedAt.toString(), "endedAt", endedAt.toString(), "vitals",
				List.of(Map.of("minute", 40, "systolicBp", 150, "diastolicBp", 90)), "cadss6", 5, "sideEffects",
				List.of("DISSOCIATION"), "dischargedAt", dischargedAt.toString(), "escortConfirmed", true));
	}

	record Patient(UUID id, String planId, UUID assessmentId) {

		Patient(UUID id, String planId) {
			this(id, planId, null);
		}

	}

	private Patient consentedPatientWithPlan(Protocol protocol) {
		UUID patientId = UUID.randomUUID();
		consent(patientId, true, Instant.now());
		UUID assessmentId = UUID.randomUUID();
		screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patientId), new AssessmentId(assessmentId), Decision.APPROVED,
						protocol, List.of(), Instant.now()));
		String planId = awaitPlan(patientId);
		awaitConsent(patientId);
		return new Patient(patientId, planId, assessmentId);
	}

	private String approvedPlan(UUID patientId, Protocol protocol, Instant decidedAt) {
		screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_DECIDED,
				new ScreeningDecided(new PatientId(patientId), new AssessmentId(UUID.randomUUID()), Decision.APPROVED,
						protocol, List.of(), decidedAt));
		return awaitPlan(patientId);
	}

	private String awaitPlan(UUID patientId) {
		await().atMost(Duration.ofSeconds(30)).until(() -> !plansOf(patientId).isEmpty());
		return plansOf(patientId).get(0);
	}

	private List<String> plansOf(UUID patientId) {
		List<String> plans = new ArrayList<>();
		get("/api/scheduling/plans?patientId=" + patientId).forEach((p) -> plans.add(p.get("planId").asString()));
		return plans;
	}

	private String consent(UUID patientId, boolean treatment, Instant changedAt) {
		return send(org.ketaclinic.intake.events.Topics.PATIENTS, patientId,
				org.ketaclinic.intake.events.EventTypes.PATIENT_CONTACT_CHANGED,
				new PatientContactChanged(new PatientId(patientId), "+15550100123", null,
						PatientContactChanged.Channel.SMS, "America/New_York",
						new PatientContactChanged.Consents(treatment, true, false, "v1"), changedAt));
	}

	private void awaitConsent(UUID patientId) {
		await().atMost(Duration.ofSeconds(30)).until(() -> consented(patientId) != null);
	}

	private Boolean consented(UUID patientId) {
		List<Boolean> found = this.jdbc.queryForList("SELECT treatment FROM patient_consent WHERE patient_id = ?",
				Boolean.class, patientId);
		return found.isEmpty() ? null : found.get(0);
	}

	private void alertRaised(UUID patientId, UUID alertId, String source) {
		send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patientId,
				org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_RAISED, new UrgentAlertRaised(
						new PatientId(patientId), new AlertId(alertId), AlertSource.valueOf(source), Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM urgent_alert WHERE alert_id = ? AND received_at IS NOT NULL", Integer.class,
					alertId) == 1);
	}

	private void alertAcknowledged(UUID patientId, UUID alertId) {
		send(org.ketaclinic.followup.events.Topics.FOLLOWUP, patientId,
				org.ketaclinic.followup.events.EventTypes.URGENT_ALERT_ACKNOWLEDGED,
				new UrgentAlertAcknowledged(new PatientId(patientId), new AlertId(alertId), Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM urgent_alert WHERE alert_id = ? AND acknowledged_received_at IS NOT NULL",
					Integer.class, alertId) == 1);
	}

	private String assessed(UUID patientId, UUID assessmentId, UUID submissionId, int version, Outcome outcome,
			Instant assessedAt, UUID supersedes) {
		return screening(patientId, org.ketaclinic.screening.events.EventTypes.SCREENING_ASSESSED,
				new ScreeningAssessed(new PatientId(patientId), new AssessmentId(assessmentId),
						new SubmissionId(submissionId), version, outcome, List.of("SCR-URG-01"), "r2", assessedAt,
						assessedAt.plusSeconds(3600), Identifier.ofNullable(supersedes, AssessmentId::new)));
	}

	private List<UUID> openFindings(UUID patientId) {
		return this.jdbc.queryForList(
				"SELECT assessment_id FROM urgent_finding WHERE patient_id = ? AND decided_at IS NULL ORDER BY 1",
				UUID.class, patientId);
	}

	private String closedHow(UUID assessmentId) {
		return this.jdbc.queryForObject("SELECT closed_how FROM urgent_finding WHERE assessment_id = ?", String.class,
				assessmentId);
	}

	/** Sends an event in its producer's name; returns its id. */
	/** Publishes a screening event about the patient, as screening would. */
	private String screening(UUID patientId, String type, Object data) {
		return send(org.ketaclinic.screening.events.Topics.SCREENING, patientId, type, data);
	}

	private String send(String topic, UUID patientId, String type, Object data) {
		ProducerRecord<String, byte[]> record = CloudEventRecords.of(topic, patientId.toString(), "/ketaclinic/tests",
				type, EventJson.mapper().writeValueAsBytes(data));
		this.kafka.send(record).join();
		return new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
	}

	private void awaitHandled(String eventId) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?",
					Integer.class, eventId) > 0);
	}

	@SafeVarargs
	private List<String> book(String planId, Map<String, Object>... sessions) {
		Result booked = call(FRONT_DESK, "/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", List.of(sessions)));
		assertThat(booked.status()).as(booked.json().toString()).isEqualTo(201);
		List<String> ids = new ArrayList<>();
		booked.json().forEach((s) -> ids.add(s.get("sessionId").asString()));
		return ids;
	}

	private String status(String session) {
		return get(session).get("status").asString();
	}

	private String planStatus(String planId) {
		return get("/api/scheduling/plans/" + planId).get("status").asString();
	}

	private static Map<String, Object> slot(LocalDate day, LocalTime time, UUID chair) {
		return Map.of("startsAt", ZonedDateTime.of(day, time, NEW_YORK).toOffsetDateTime().toString(), "chairId",
				chair.toString());
	}

	private static LocalDate nextMonday(int weeks) {
		return LocalDate.now(NEW_YORK).plusWeeks(weeks).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
	}

	private JsonNode get(String path) {
		return EventJson.mapper()
			.readTree(this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, FRONT_DESK)
				.retrieve()
				.body(String.class));
	}

	private Result call(String authorization, String path, Object body) {
		return this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.body(EventJson.mapper().writeValueAsString(body))
			.exchange((request, response) -> {
				byte[] bytes = response.getBody().readAllBytes();
				return new Result(response.getStatusCode().value(),
						(response.getHeaders().getContentType() != null)
								? response.getHeaders().getContentType().toString() : null,
						(bytes.length > 0) ? EventJson.mapper().readTree(bytes) : EventJson.mapper().nullNode());
			});
	}

	record Result(int status, String contentType, JsonNode json) {
	}

}
