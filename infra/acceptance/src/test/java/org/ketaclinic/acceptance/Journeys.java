package org.ketaclinic.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.ketaclinic.acceptance.Api.Reply;
import org.ketaclinic.acceptance.Api.Role;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole patient journeys through the gateway's public API, as the front desk, clinicians
 * and the patient would go, and the exact effects each must leave: one assessment, one
 * plan, the booked sessions, one text, the planned messages and check-ins, the emails,
 * the alerts, one booster proposal.
 */
final class Journeys {

	/** Where a journey lets the fault suite break something. */
	enum Point {

		INTAKE_ACCEPTED, BEFORE_DECISION, DECISION_ACCEPTED, BOOKED, MID_SERIES, SERIES_COMPLETED,
		BEFORE_SECOND_CHECK_IN, BEFORE_BOOSTER_DECISION, URGENT_INTAKE_ACCEPTED, INTAKE_WITHDRAWN

	}

	/** What the fault suite does at a point; the journey suite does nothing. */
	interface Faults {

		Faults NONE = (point, patientId) -> {
		};

		void at(Point point, String patientId);

	}

	/** The ids a full journey produced. */
	record Outcome(Patient patient, String patientId, String assessmentId, String planId, List<String> sessionIds,
			LocalDate lastSessionDay, List<String> checkInTokens) {
	}

	private static final Duration ASYNC = Duration.ofMinutes(4);

	/**
	 * The PHQ-9 totals of the three check-ins after the series, against a baseline of 18.
	 */
	private static final List<Integer> COURSE = List.of(6, 15, 16);

	private static final int BASELINE = 18;

	/** The demo clinic's on-call clinician, paged first for an urgent finding. */
	static final String ON_CALL = "+15550100911";

	private final Api api;

	private final Tally tally;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	Journeys(Api api) {
		this.api = api;
		this.tally = api.tally;
	}

	/**
	 * Intake, assessment, approval, plan, booked induction series, every session
	 * recorded, post-series check-ins planned, three check-ins by email link that show a
	 * response and then a relapse, the relapse risk, the booster proposal and its
	 * approval.
	 * @param weeksAhead how many weeks ahead the series is booked
	 */
	Outcome full(Faults faults, int weeksAhead) {
		Patient patient = Patient.fresh(true);
		String key = key(patient);
		Reply intake = takeIn(patient, BASELINE, false);
		String patientId = intake.json().get("patientId").asString();
		String submissionId = intake.json().get("submissionId").asString();
		faults.at(Point.INTAKE_ACCEPTED, patientId);

		Reply again = this.api.post(Role.FRONT_DESK, "/api/intake/submissions", patient.intake(BASELINE, false),
				key + "intake");
		assertThat(again.json().get("submissionId").asString()).as("a resent intake is the same submission")
			.isEqualTo(submissionId);
		this.tally.effect();

		String assessmentId = assessment(patientId).get("assessmentId").asString();
		faults.at(Point.BEFORE_DECISION, patientId);
		approve(assessmentId, key);
		faults.at(Point.DECISION_ACCEPTED, patientId);

		String planId = planOf(patientId);
		Reply booked = book(planId, firstProposal(planId, weeksAhead), key + "booking");
		List<String> sessionIds = new ArrayList<>();
		booked.json().forEach((s) -> sessionIds.add(s.get("sessionId").asString()));
		LocalDate lastSessionDay = OffsetDateTime
			.parse(booked.json().get(sessionIds.size() - 1).get("startsAt").asString())
			.toLocalDate();
		faults.at(Point.BOOKED, patientId);

		Api.until("the booking confirmation text", ASYNC, () -> this.api.texts(patient.phone()),
				(texts) -> contains(texts, "Booked:"), JsonNode::toString);
		this.api.await("reminders planned for every session", ASYNC, () -> messages(patientId),
				(json) -> count(json, "REMINDER_2H") == sessionIds.size());

		for (int i = 0; i < sessionIds.size(); i++) {
			record(sessionIds.get(i), key + "session-" + i + "-");
			if (i == sessionIds.size() / 2 - 1) {
				faults.at(Point.MID_SERIES, patientId);
			}
		}
		this.api.await("check-ins planned after the series", ASYNC, () -> messages(patientId),
				(json) -> postSeries(json, lastSessionDay) >= 7);
		faults.at(Point.SERIES_COMPLETED, patientId);

		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < COURSE.size(); i++) {
			if (i == 1) {
				faults.at(Point.BEFORE_SECOND_CHECK_IN, patientId);
			}
			Reply requested = this.api.post(Role.CLINICIAN, "/api/followup/patients/" + patientId + "/check-ins", null,
					key + "check-in-" + i);
			assertThat(requested.status()).as("check-in requested: %s", requested.body()).isEqualTo(201);
			int expected = i + 1;
			String token = Api
				.until("the email with check-in link " + expected, ASYNC, () -> Mailbox.checkInTokens(patient.email()),
						(links) -> links.size() >= expected, (links) -> links.size() + " links")
				.get(i);
			tokens.add(token);
			Reply page = this.api.get(Role.PATIENT, "/checkin/" + token);
			assertThat(page.status()).as("the patient's questionnaire page").isEqualTo(200);
			Reply answered = this.api.post(Role.PATIENT, "/api/followup/check-ins/" + token,
					Patient.answers(COURSE.get(i), 0), key + "answer-" + i);
			assertThat(answered.status()).as("answers taken: %s", answered.body()).isEqualTo(201);
		}

		JsonNode proposal = this.api.await("a booster proposal after the relapse risk", ASYNC,
				() -> this.api.get(Role.CLINICIAN, "/api/scheduling/booster-proposals"),
				(json) -> find(json, "patientId", patientId) != null);
		String proposalId = find(proposal, "patientId", patientId).get("proposalId").asString();
		faults.at(Point.BEFORE_BOOSTER_DECISION, patientId);
		Reply approved = this.api.post(Role.CLINICIAN, "/api/scheduling/booster-proposals/" + proposalId + "/approval",
				Map.of("note", "Relapse after response; booster as proposed"), key + "booster");
		assertThat(approved.ok()).as("booster approved: %s", approved.body()).isTrue();
		this.api.await("the booster plan", ASYNC,
				() -> this.api.get(Role.FRONT_DESK, "/api/scheduling/plans?patientId=" + patientId),
				(json) -> find(json, "kind", "BOOSTER") != null);
		this.tally.journeysCompleted.incrementAndGet();
		return new Outcome(patient, patientId, assessmentId, planId, sessionIds, lastSessionDay, tokens);
	}

	/**
	 * A referral from another clinician's system in FHIR (issue 21): the intake form read
	 * and answered as a {@code QuestionnaireResponse}, taken in once however often it is
	 * sent, screened, approved and booked like any other; the patient, their baseline
	 * PHQ-9 with the answers it derives from and their booked sessions then read back as
	 * FHIR through the gateway.
	 */
	void referredByFhir(int weeksAhead) {
		Patient patient = Patient.fresh(true);
		String key = key(patient);
		Reply form = this.api.get(Role.FRONT_DESK, "/fhir/r4/Questionnaire/ketaclinic-intake");
		assertThat(form.status()).as("the intake form: %s", form.body()).isEqualTo(200);
		Map<String, Object> response = FhirReferral.response(form.json(), patient.intake(BASELINE, false));
		Reply referred = this.api.post(Role.FRONT_DESK, "/fhir/r4/QuestionnaireResponse", response, key + "fhir");
		assertThat(referred.status()).as("referral taken in: %s", referred.body()).isEqualTo(201);
		String location = referred.headers().get("location").get(0);
		String submissionId = referred.json().get("id").asString();
		assertThat(location).endsWith("/fhir/r4/QuestionnaireResponse/" + submissionId);
		String patientId = referred.json().get("subject").get("reference").asString().substring("Patient/".length());
		Reply again = this.api.post(Role.FRONT_DESK, "/fhir/r4/QuestionnaireResponse", response, key + "fhir");
		assertThat(again.json().get("id").asString()).as("a resent referral is the same submission")
			.isEqualTo(submissionId);
		Reply submission = this.api.get(Role.CLINICIAN, "/api/intake/submissions/" + submissionId);
		assertThat(submission.json().get("patientId").asString()).isEqualTo(patientId);
		this.tally.effect();

		String assessmentId = assessment(patientId).get("assessmentId").asString();
		approve(assessmentId, key);
		String planId = planOf(patientId);
		Reply booked = book(planId, firstProposal(planId, weeksAhead), key + "booking");
		assertThat(booked.json().size()).as("the series booked").isPositive();

		JsonNode fhirPatient = this.api.await("the patient as FHIR", ASYNC,
				() -> this.api.get(Role.FRONT_DESK, "/fhir/r4/Patient/" + patientId),
				(json) -> json.path("name").size() > 0 && json.path("telecom").size() > 0);
		assertThat(fhirPatient.get("resourceType").asString()).isEqualTo("Patient");
		assertThat(fhirPatient.get("name").get(0).get("family").asString()).isEqualTo("Suite" + patient.suffix());
		JsonNode found = this.api.get(Role.FRONT_DESK, "/fhir/r4/Patient?family=Suite" + patient.suffix()).json();
		assertThat(found.get("total").asInt()).as("found by name").isEqualTo(1);
		JsonNode scores = this.api.await("the baseline PHQ-9 as a FHIR Observation", ASYNC,
				() -> this.api.get(Role.CLINICIAN,
						"/fhir/r4/Observation?subject=Patient/" + patientId + "&code=http://loinc.org%7C44261-6"),
				(json) -> json.path("total").asInt() == 1);
		JsonNode baseline = scores.get("entry").get(0).get("resource");
		assertThat(baseline.get("valueInteger").asInt()).isEqualTo(BASELINE);
		assertThat(baseline.get("id").asString()).as("the intake's observation").isEqualTo(submissionId);
		assertThat(baseline.get("derivedFrom").get(0).get("reference").asString())
			.isEqualTo("QuestionnaireResponse/phq9-" + submissionId);
		JsonNode answers = this.api.await("the referral's PHQ-9 and C-SSRS as QuestionnaireResponses", ASYNC,
				() -> this.api.get(Role.CLINICIAN, "/fhir/r4/QuestionnaireResponse?subject=Patient/" + patientId),
				(json) -> json.path("total").asInt() == 2);
		List<String> responseIds = new ArrayList<>();
		answers.get("entry").forEach((entry) -> responseIds.add(entry.get("resource").get("id").asString()));
		assertThat(responseIds).containsExactlyInAnyOrder("phq9-" + submissionId, "cssrs-" + submissionId);
		int sessions = booked.json().size();
		JsonNode appointments = this.api.await("the booked series as FHIR Appointments", ASYNC,
				() -> this.api.get(Role.FRONT_DESK, "/fhir/r4/Appointment?patient=Patient/" + patientId),
				(json) -> json.path("total").asInt() == sessions);
		appointments.get("entry").forEach((entry) -> {
			assertThat(entry.get("resource").get("status").asString()).isEqualTo("booked");
			assertThat(entry.get("resource").get("participant").get(0).get("actor").get("reference").asString())
				.isEqualTo("Patient/" + patientId);
		});
		assertThat(appointments.get("entry").get(0).get("resource").get("start").asString())
			.as("the first session's time")
			.isNotBlank();
		this.tally.effect();
		this.tally.journeysCompleted.incrementAndGet();
	}

	/**
	 * Checks that everything the full journey's commands caused happened exactly once.
	 */
	void checkFull(Outcome outcome) {
		String patientId = outcome.patientId();
		int sessions = outcome.sessionIds().size();

		JsonNode assessments = this.api.get(Role.CLINICIAN, "/api/screening/assessments?patientId=" + patientId).json();
		exactly("screening assessments", assessments.size(), 1);
		exactly("approvals", count(assessments, (a) -> "APPROVED".equals(a.at("/decision/decision").asString())), 1);

		JsonNode plans = this.api.get(Role.FRONT_DESK, "/api/scheduling/plans?patientId=" + patientId).json();
		exactly("induction plans", count(plans, (p) -> "INDUCTION".equals(p.get("kind").asString())), 1);
		exactly("booster plans", count(plans, (p) -> "BOOSTER".equals(p.get("kind").asString())), 1);
		JsonNode induction = find(plans, "kind", "INDUCTION");
		exactly("sessions booked in the induction plan", induction.get("sessions").size(), sessions);
		exactly("sessions completed",
				count(induction.get("sessions"), (s) -> "COMPLETED".equals(s.get("status").asString())), sessions);

		JsonNode messages = messages(patientId).json();
		for (String kind : List.of("BOOKING_CONFIRMATION", "REMINDER_72H", "REMINDER_24H", "REMINDER_2H")) {
			exactly(kind + " messages (one per session)", count(messages, kind), sessions);
		}
		exactly("messages per session and kind (no duplicate)", duplicates(messages), 0);
		// day 1 after the first session, 4 weekly induction check-ins (cancelled by the
		// series' end), 4 after the series, 3 monthly, and the 3 asked by the clinician
		exactly("check-in links planned", count(messages, "CHECK_IN"), 1 + 4 + 4 + 3 + COURSE.size());
		exactly("check-ins planned after the series", postSeries(messages, outcome.lastSessionDay()), 7);

		JsonNode texts = this.api.texts(outcome.patient().phone());
		exactly("texts received by the SMS sink", texts.size(), 1);
		exactly("booking confirmation texts", count(texts, (t) -> t.get("body").asString().contains("Booked:")), 1);
		List<String> tokens = Mailbox.checkInTokens(outcome.patient().email());
		exactly("check-in emails received by the mail server", tokens.size(), COURSE.size());
		exactly("distinct check-in links", (int) tokens.stream().distinct().count(), COURSE.size());

		JsonNode history = this.api.get(Role.CLINICIAN, "/api/followup/patients/" + patientId + "/phq9").json();
		exactly("PHQ-9 check-ins in the history", history.get("checkIns").size(), COURSE.size());
		exactly("the baseline from intake", history.get("baselinePhq9").asInt(), BASELINE);
		JsonNode alerts = this.api.get(Role.CLINICIAN, "/api/followup/patients/" + patientId + "/alerts").json();
		exactly("relapse-risk alerts", count(alerts, (a) -> a.get("reason").asString().startsWith("Relapse risk")), 1);
		exactly("worsening alerts", count(alerts, (a) -> a.get("reason").asString().startsWith("PHQ-9 worse")), 1);
		exactly("urgent alerts", count(alerts, (a) -> "URGENT".equals(a.get("severity").asString())), 0);
		JsonNode open = this.api.get(Role.CLINICIAN, "/api/scheduling/booster-proposals").json();
		exactly("booster proposals still open", count(open, (p) -> patientId.equals(p.get("patientId").asString())), 0);
	}

	/**
	 * An email-only patient answers a check-in with PHQ-9 item 9 = 2: crisis resources on
	 * screen, an urgent alert in the clinicians' inbox ahead of routine ones, and the
	 * link works once.
	 */
	String urgent() {
		Patient patient = Patient.fresh(false);
		String key = key(patient);
		Reply intake = takeIn(patient, 16, false);
		String patientId = intake.json().get("patientId").asString();
		assessment(patientId);
		// follow-up learns the contact details from intake's event
		this.api.await(
				"follow-up to know the patient", ASYNC, () -> this.api.post(Role.CLINICIAN,
						"/api/followup/patients/" + patientId + "/check-ins", null, key + "check-in"),
				(json) -> json.has("checkInId"));
		String token = Api
			.until("the email with the check-in link", ASYNC, () -> Mailbox.checkInTokens(patient.email()),
					(tokens) -> !tokens.isEmpty(), (tokens) -> "no link")
			.get(0);
		Instant answeredAt = Instant.now();
		Reply answered = this.api.post(Role.PATIENT, "/api/followup/check-ins/" + token, Patient.answers(14, 2),
				key + "answer");
		assertThat(answered.status()).as("answers taken: %s", answered.body()).isEqualTo(201);
		assertThat(answered.json().get("urgent").asBoolean()).as("the answer is urgent").isTrue();
		assertThat(answered.json().get("crisisResources").asString()).as("crisis resources on screen").isNotBlank();
		this.tally.effect();

		JsonNode inbox = this.api.get(Role.CLINICIAN, "/api/followup/alerts?status=OPEN").json();
		JsonNode mine = find(inbox, "patientId", patientId);
		assertThat(mine).as("the patient's alert is in the clinicians' inbox").isNotNull();
		assertThat(mine.get("severity").asString()).isEqualTo("URGENT");
		assertThat(Instant.parse(mine.get("createdAt").asString())).as("raised with the answer")
			.isBefore(answeredAt.plusSeconds(60));
		List<String> severities = StreamSupport.stream(inbox.spliterator(), false)
			.map((a) -> a.get("severity").asString())
			.toList();
		assertThat(severities.subList(0, severities.lastIndexOf("URGENT") + 1)).as("urgent alerts come first")
			.containsOnly("URGENT");
		this.tally.effect();
		paged(mine.get("alertId").asString(), patient);

		Reply reused = this.api.once(Role.PATIENT, "POST", "/api/followup/check-ins/" + token, Patient.answers(0, 0),
				null);
		assertThat(reused.status()).as("the link works once").isEqualTo(410);
		assertThat(reused.isProblem()).isTrue();
		this.tally.effect();
		JsonNode alerts = this.api.get(Role.CLINICIAN, "/api/followup/patients/" + patientId + "/alerts").json();
		exactly("urgent alerts for the patient", count(alerts, (a) -> "URGENT".equals(a.get("severity").asString())),
				1);
		exactly("check-in emails", Mailbox.checkInTokens(patient.email()).size(), 1);
		this.tally.journeysCompleted.incrementAndGet();
		return patientId;
	}

	/**
	 * A patient with current psychotic symptoms: screening names the exclusion, the
	 * clinician declines, and no plan is ever made.
	 * @return the patient id, whose absence of plans {@link #checkDeclined} checks later
	 */
	String declined() {
		Patient patient = Patient.fresh(false);
		String key = key(patient);
		Reply intake = takeIn(patient, 20, true);
		String patientId = intake.json().get("patientId").asString();
		JsonNode assessment = assessment(patientId);
		List<String> rules = new ArrayList<>();
		assessment.get("findings").forEach((f) -> rules.add(f.get("ruleId").asString()));
		assertThat(rules).as("screening names the exclusion").anyMatch((rule) -> rule.startsWith("SCR-EXC"));
		this.tally.effect();
		Reply decision = this.api.post(Role.CLINICIAN,
				"/api/screening/assessments/" + assessment.get("assessmentId").asString() + "/decision",
				Map.of("decision", "DECLINED", "rationale", "Current psychotic symptoms: ketamine is not suitable"),
				key + "decision");
		assertThat(decision.status()).as("decision accepted: %s", decision.body()).isEqualTo(201);
		JsonNode decided = this.api.get(Role.CLINICIAN, "/api/screening/assessments?patientId=" + patientId).json();
		assertThat(decided.get(0).at("/decision/decision").asString()).isEqualTo("DECLINED");
		this.tally.effect();
		this.tally.journeysCompleted.incrementAndGet();
		return patientId;
	}

	/**
	 * A referral whose PHQ-9 is incomplete but whose item 9 is 3 ("nearly every day"):
	 * the risk answer is kept, screening finds it urgent, the clinicians' inbox holds it
	 * beside follow-up's alerts, the on-call clinician is paged once by a text that names
	 * no patient, and an acknowledgement records who saw it when.
	 * @return the patient id
	 */
	String urgentAtIntake(Faults faults) {
		Patient patient = Patient.fresh(true);
		String key = key(patient);
		Map<String, Object> referral = patient.intake(BASELINE, false);
		@SuppressWarnings("unchecked")
		Map<String, Object> clinical = (Map<String, Object>) referral.get("clinical");
		clinical.remove("phq9Total");
		clinical.put("phq9Item9", 3);
		Reply intake = this.api.post(Role.FRONT_DESK, "/api/intake/submissions", referral, key + "intake");
		assertThat(intake.status()).as("an incomplete referral with a risk answer is accepted: %s", intake.body())
			.isEqualTo(201);
		String patientId = intake.json().get("patientId").asString();
		faults.at(Point.URGENT_INTAKE_ACCEPTED, patientId);

		JsonNode assessment = assessment(patientId);
		assertThat(assessment.get("outcome").asString()).as("screening outcome").isEqualTo("URGENT_SAME_DAY_REVIEW");
		List<String> rules = new ArrayList<>();
		assessment.get("findings").forEach((f) -> rules.add(f.get("ruleId").asString()));
		assertThat(rules).as("item 9 = 3 is urgent and the missing total is a finding")
			.contains("SCR-URG-03", "SCR-REV-28");
		this.tally.effect();

		JsonNode inbox = this.api.await("the urgent finding in the clinicians' inbox", ASYNC,
				() -> this.api.get(Role.CLINICIAN, "/api/followup/alerts?status=OPEN"),
				(json) -> find(json, "patientId", patientId) != null);
		JsonNode alert = find(inbox, "patientId", patientId);
		assertThat(alert.get("severity").asString()).isEqualTo("URGENT");
		assertThat(alert.get("source").asString()).as("raised by screening").isEqualTo("SCREENING");
		this.tally.effect();
		String alertId = alert.get("alertId").asString();
		paged(alertId, patient);

		Reply acknowledged = this.api.post(Role.CLINICIAN, "/api/followup/alerts/" + alertId + "/acknowledgement",
				Map.of("note", "Called the patient; safety plan in place; seen in clinic today"), key + "ack");
		assertThat(acknowledged.ok()).as("acknowledged: %s", acknowledged.body()).isTrue();
		JsonNode seen = find(this.api.get(Role.CLINICIAN, "/api/followup/alerts?status=ACKNOWLEDGED").json(), "alertId",
				alertId);
		assertThat(seen).as("the acknowledged alert is listed").isNotNull();
		assertThat(seen.get("acknowledgedBy").asString("")).as("who acknowledged it").isNotBlank();
		assertThat(seen.get("acknowledgedAt").asString("")).as("when").isNotBlank();
		this.tally.effect();
		this.tally.journeysCompleted.incrementAndGet();
		return patientId;
	}

	/**
	 * What was sent while the mail server and the SMS provider were down, to be checked
	 * once they are back.
	 */
	record Waiting(Patient patient, String patientId, Patient urgentPatient, String alertId) {
	}

	/**
	 * While the mail server and the SMS provider are down: a patient is approved and
	 * booked (a confirmation) and asked for a check-in (a link), by text or email, and an
	 * urgent referral raises an alert that pages the on-call clinician (a text). Each
	 * message is tried and waits for its provider: none is given up as undeliverable.
	 */
	Waiting duringProviderOutage(int weeksAhead) {
		Patient patient = Patient.fresh(true);
		String key = key(patient);
		String patientId = takeIn(patient, BASELINE, false).json().get("patientId").asString();
		approve(assessment(patientId).get("assessmentId").asString(), key);
		String planId = planOf(patientId);
		book(planId, firstProposal(planId, weeksAhead), key + "booking");
		Reply requested = this.api.post(Role.CLINICIAN, "/api/followup/patients/" + patientId + "/check-ins", null,
				key + "check-in");
		assertThat(requested.status()).as("check-in requested: %s", requested.body()).isEqualTo(201);

		Patient urgentPatient = Patient.fresh(true);
		Map<String, Object> referral = urgentPatient.intake(BASELINE, false);
		@SuppressWarnings("unchecked")
		Map<String, Object> clinical = (Map<String, Object>) referral.get("clinical");
		clinical.put("phq9Item9", 3);
		String urgentId = this.api
			.post(Role.FRONT_DESK, "/api/intake/submissions", referral, key(urgentPatient) + "intake")
			.json()
			.get("patientId")
			.asString();
		JsonNode inbox = this.api.await("the urgent finding in the clinicians' inbox", ASYNC,
				() -> this.api.get(Role.CLINICIAN, "/api/followup/alerts?status=OPEN"),
				(json) -> find(json, "patientId", urgentId) != null);
		String alertId = find(inbox, "patientId", urgentId).get("alertId").asString();

		// the confirmation and the check-in link were tried and wait for their provider
		JsonNode waiting = this.api.await("the confirmation and the check-in tried and waiting", ASYNC,
				() -> messages(patientId),
				(json) -> count(json,
						(m) -> "BOOKING_CONFIRMATION".equals(m.get("kind").asString())
								&& "FAILED".equals(m.get("status").asString())) > 0
						&& count(json, (m) -> "CHECK_IN".equals(m.get("kind").asString())
								&& "FAILED".equals(m.get("status").asString())) == 1);
		exactly("messages given up while the providers are down",
				count(waiting, (m) -> "UNDELIVERABLE".equals(m.get("status").asString())), 0);
		return new Waiting(patient, patientId, urgentPatient, alertId);
	}

	/**
	 * Once the providers are back, each message that waited went exactly once, and none
	 * was given up.
	 */
	void deliveredOnce(Waiting waiting) {
		Patient patient = waiting.patient();
		// the dispatcher picks a channel the provider of which is up when it plans a
		// delivery: during the outage either may have been chosen
		java.util.function.Supplier<List<String>> received = () -> {
			List<String> all = new ArrayList<>();
			this.api.texts(patient.phone()).forEach((text) -> all.add(text.get("body").asString()));
			all.addAll(Mailbox.texts(patient.email()));
			return all;
		};
		Api.until("the booking confirmation and the check-in link, by text or email", ASYNC, received,
				(all) -> all.stream().anyMatch((text) -> text.contains("Booked:"))
						&& all.stream().anyMatch((text) -> text.contains("/checkin/")),
				(all) -> all.size() + " messages");
		// a few dispatcher passes more: nothing goes twice
		Api.pause(5000);
		pagedThroughAnOutage(waiting.alertId(), waiting.urgentPatient());
		List<String> all = received.get();
		exactly("booking confirmations after the outage, by text or email",
				(int) all.stream().filter((text) -> text.contains("Booked:")).count(), 1);
		exactly("check-in links after the outage, by text or email",
				(int) all.stream().filter((text) -> text.contains("/checkin/")).count(), 1);
		exactly("messages the patient received", all.size(), 2);
		JsonNode messages = messages(waiting.patientId()).json();
		exactly("messages given up after the outage",
				count(messages, (m) -> "UNDELIVERABLE".equals(m.get("status").asString())), 0);
		exactly("the asked check-in sent", count(messages, (m) -> "CHECK_IN".equals(m.get("kind").asString())
				&& ("SENT".equals(m.get("status").asString()) || "DELIVERED".equals(m.get("status").asString()))), 1);
		this.tally.journeysCompleted.incrementAndGet();
	}

	/**
	 * A referral the front desk takes in, which must be accepted.
	 * @return the patient and its id
	 */
	Map.Entry<Patient, String> referral() {
		Patient patient = Patient.fresh(true);
		return Map.entry(patient, takeIn(patient, BASELINE, false).json().get("patientId").asString());
	}

	/** Screening assessed the referral exactly once. */
	void assessedOnce(String patientId) {
		assessment(patientId);
		exactly("screening assessments of the referral",
				this.api.get(Role.CLINICIAN, "/api/screening/assessments?patientId=" + patientId).json().size(), 1);
	}

	/**
	 * The patient has exactly one urgent alert raised by screening, and the on-call
	 * clinician was paged for it exactly once.
	 * @return the alert's id
	 */
	String urgentAlertOnce(Patient patient, String patientId) {
		JsonNode alerts = this.api.await("the urgent alert", ASYNC,
				() -> this.api.get(Role.CLINICIAN, "/api/followup/patients/" + patientId + "/alerts"),
				(json) -> count(json, (a) -> "URGENT".equals(a.get("severity").asString())) > 0);
		exactly("urgent alerts for the patient", count(alerts, (a) -> "URGENT".equals(a.get("severity").asString())),
				1);
		String alertId = find(alerts, "severity", "URGENT").get("alertId").asString();
		paged(alertId, patient);
		return alertId;
	}

	/** The texts the on-call clinician received for the alert, once there is one. */
	private List<String> pagesTo(String alertId) {
		JsonNode pages = Api.until("the page to the on-call clinician", ASYNC, () -> this.api.texts(ON_CALL),
				(texts) -> contains(texts, alertId), JsonNode::toString);
		List<String> mine = new ArrayList<>();
		pages.forEach((t) -> {
			if (t.get("body").asString().contains(alertId)) {
				mine.add(t.get("body").asString());
			}
		});
		return mine;
	}

	/**
	 * The on-call clinician was paged for the alert once the provider was back: a page
	 * that waited its budget has the next level paged at once, so by then the alert may
	 * have reached the level that pages everyone, the primary again among them; never
	 * more than once a level, and no page names the patient.
	 */
	private void pagedThroughAnOutage(String alertId, Patient patient) {
		List<String> mine = pagesTo(alertId);
		assertThat(mine).as("pages to the primary: its own level and the one that pages everyone").hasSizeBetween(1, 2);
		assertThat(mine).as("no page names the patient")
			.allSatisfy((page) -> assertThat(page).doesNotContain("Suite" + patient.suffix())
				.doesNotContain(patient.email()));
		this.tally.effect();
	}

	/**
	 * The on-call clinician received exactly one page for the alert, and it names nothing
	 * of the patient.
	 */
	private void paged(String alertId, Patient patient) {
		List<String> mine = pagesTo(alertId);
		exactly("pages for the alert", mine.size(), 1);
		assertThat(mine.get(0)).as("the page names no patient")
			.doesNotContain("Suite" + patient.suffix())
			.doesNotContain("Ada")
			.doesNotContain(patient.email());
		if (patient.phone() != null) {
			assertThat(mine.get(0)).doesNotContain(patient.phone());
		}
		this.tally.effect();
	}

	/**
	 * An approved, booked patient whose intake is then withdrawn: every future session of
	 * the plan is cancelled, its reminders stop, the front desk is asked to call the
	 * patient, and the stopped plan can be neither booked nor dosed.
	 * @return the patient id
	 */
	String stopped(Faults faults, int weeksAhead) {
		Patient patient = Patient.fresh(true);
		String key = key(patient);
		Reply intake = takeIn(patient, BASELINE, false);
		String patientId = intake.json().get("patientId").asString();
		String submissionId = intake.json().get("submissionId").asString();
		approve(assessment(patientId).get("assessmentId").asString(), key);
		String planId = planOf(patientId);
		List<Map<String, Object>> wanted = firstProposal(planId, weeksAhead);
		Reply booked = book(planId, wanted, key + "booking");
		int sessions = booked.json().size();
		String firstSession = booked.json().get(0).get("sessionId").asString();
		this.api.await("reminders planned for every session", ASYNC, () -> messages(patientId),
				(json) -> count(json, "REMINDER_2H") == sessions);

		Reply withdrawn = this.api.post(Role.FRONT_DESK, "/api/intake/submissions/" + submissionId + "/withdrawal",
				Map.of("reason", "The patient chose another clinic"), key + "withdrawal");
		assertThat(withdrawn.ok()).as("withdrawn: %s", withdrawn.body()).isTrue();
		faults.at(Point.INTAKE_WITHDRAWN, patientId);

		JsonNode plan = this.api.await("every session of the stopped plan cancelled", ASYNC,
				() -> this.api.get(Role.FRONT_DESK, "/api/scheduling/plans/" + planId),
				(json) -> count(json.get("sessions"),
						(s) -> "CANCELLED".equals(s.get("status").asString())) == sessions);
		assertThat(plan.get("status").asString()).as("the plan").isEqualTo("CANCELLED");
		this.tally.effect();
		this.api.await("no reminder left to send", ASYNC, () -> messages(patientId),
				(json) -> count(json, (m) -> m.get("kind").asString().startsWith("REMINDER")
						&& "PLANNED".equals(m.get("status").asString())) == 0);
		this.tally.effect();
		JsonNode tasks = this.api.await("a task for the front desk to call the patient", ASYNC,
				() -> this.api.get(Role.FRONT_DESK, "/api/followup/tasks"),
				(json) -> find(json, "patientId", patientId) != null);
		exactly("tasks to call the patient", count(tasks, (t) -> patientId.equals(t.get("patientId").asString())), 1);

		Reply rebooked = this.api.post(Role.FRONT_DESK, "/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", wanted.subList(0, 1)), key + "rebooking");
		assertThat(rebooked.status()).as("booking a stopped plan: %s", rebooked.body()).isEqualTo(409);
		Reply checkedIn = this.api.post(Role.FRONT_DESK, "/api/scheduling/sessions/" + firstSession + "/check-in", null,
				key + "arrived");
		assertThat(checkedIn.status()).as("checking in a cancelled session: %s", checkedIn.body()).isEqualTo(409);
		Reply revived = this.api.post(Role.FRONT_DESK,
				"/api/scheduling/sessions/" + firstSession + "/status-correction",
				Map.of("status", "BOOKED", "reason", "booked by mistake as cancelled"), key + "revive");
		assertThat(revived.status()).as("reviving a cancelled session: %s", revived.body()).isEqualTo(409);
		this.tally.effect();
		this.tally.journeysCompleted.incrementAndGet();
		return patientId;
	}

	/** A declined patient has no plan, long after scheduling has read the decision. */
	void checkDeclined(String patientId) {
		exactly("plans for a declined patient",
				this.api.get(Role.FRONT_DESK, "/api/scheduling/plans?patientId=" + patientId).json().size(), 0);
	}

	/** The prefix of the idempotency keys of one patient's commands in this run. */
	private String key(Patient patient) {
		return "suite-" + this.run + "-" + patient.suffix() + "-";
	}

	/** The front desk takes in the patient's referral, which must be accepted. */
	private Reply takeIn(Patient patient, int phq9Total, boolean psychotic) {
		Reply intake = this.api.post(Role.FRONT_DESK, "/api/intake/submissions", patient.intake(phq9Total, psychotic),
				key(patient) + "intake");
		assertThat(intake.status()).as("intake accepted: %s", intake.body()).isEqualTo(201);
		return intake;
	}

	/**
	 * A clinician approves the assessment for IV ketamine; the decision must be taken.
	 */
	private void approve(String assessmentId, String key) {
		Reply decision = this.api.post(Role.CLINICIAN, "/api/screening/assessments/" + assessmentId + "/decision",
				Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale",
						"Treatment-resistant depression, no contraindications"),
				key + "decision");
		assertThat(decision.status()).as("decision accepted: %s", decision.body()).isEqualTo(201);
	}

	/** The plan scheduling makes from the approval, once it has read it. */
	private String planOf(String patientId) {
		return this.api
			.await("a treatment plan for the approved patient", ASYNC,
					() -> this.api.get(Role.FRONT_DESK, "/api/scheduling/plans?patientId=" + patientId),
					(json) -> json.size() > 0)
			.get(0)
			.get("planId")
			.asString();
	}

	/** The sessions of the first series proposed from some weeks ahead. */
	private List<Map<String, Object>> firstProposal(String planId, int weeksAhead) {
		Reply proposals = this.api.get(Role.FRONT_DESK,
				"/api/scheduling/plans/" + planId + "/proposals?from=" + LocalDate.now().plusWeeks(weeksAhead));
		assertThat(proposals.status()).as("proposals: %s", proposals.body()).isEqualTo(200);
		List<Map<String, Object>> wanted = new ArrayList<>();
		proposals.json()
			.get(0)
			.get("sessions")
			.forEach((s) -> wanted
				.add(Map.of("startsAt", s.get("startsAt").asString(), "chairId", s.get("chairId").asString())));
		return wanted;
	}

	/** The front desk books the sessions, which must be accepted. */
	private Reply book(String planId, List<Map<String, Object>> sessions, String key) {
		Reply booked = this.api.post(Role.FRONT_DESK, "/api/scheduling/plans/" + planId + "/bookings",
				Map.of("sessions", sessions), key);
		assertThat(booked.status()).as("booking accepted: %s", booked.body()).isEqualTo(201);
		return booked;
	}

	private JsonNode assessment(String patientId) {
		return this.api
			.await("a screening assessment", ASYNC,
					() -> this.api.get(Role.CLINICIAN, "/api/screening/assessments?patientId=" + patientId),
					(json) -> json.size() > 0)
			.get(0);
	}

	private void record(String sessionId, String key) {
		String path = "/api/scheduling/sessions/" + sessionId;
		expectOk(this.api.post(Role.FRONT_DESK, path + "/check-in", null, key + "arrived"), "check-in");
		Map<String, Object> safety = Map.of("phq9Item9", 0, "wishDead", false, "activeThoughts", false, "method", false,
				"intent", false, "planWithIntent", false, "behaviour", false);
		expectOk(
				this.api.post(Role.CLINICIAN, path + "/pre-dose",
						Map.of("systolicBp", 124, "diastolicBp", 78, "heartRate", 70, "spo2", 98, "ageYears", 42,
								"safety", safety, "escortConfirmed", true),
						key + "pre-dose"),
				"pre-dose vitals and safety check");
		expectOk(this.api.post(Role.CLINICIAN, path + "/start", null, key + "start"), "start");
		// the session's two hours in a moment: the stack under test takes a discharge up
		// to
		// two hours ahead of its clock (infra/local/check sets record-time-tolerance)
		Instant start = Instant.now();
		Map<String, Object> completion = new HashMap<>();
		completion.put("doseMgPerKg", 0.5);
		completion.put("doseTotalMg", 35);
		completion.put("route", "IV");
		completion.put("startedAt", start.toString());
		completion.put("endedAt", start.plusSeconds(2400).toString());
		completion.put("vitals", List.of(Map.of("minute", 40, "systolicBp", 132, "diastolicBp", 82)));
		completion.put("cadss6", 4);
		completion.put("sideEffects", List.of("DISSOCIATION"));
		completion.put("dischargedAt", start.plusSeconds(6600).toString());
		completion.put("escortConfirmed", true);
		expectOk(this.api.post(Role.CLINICIAN, path + "/completion", completion, key + "completion"), "completion");
	}

	private static void expectOk(Reply reply, String what) {
		assertThat(reply.ok()).as("%s: %s %s", what, reply.status(), reply.body()).isTrue();
	}

	private Reply messages(String patientId) {
		return this.api.get(Role.FRONT_DESK, "/api/followup/patients/" + patientId + "/messages");
	}

	private void exactly(String what, int actual, int expected) {
		assertThat(actual).as(what).isEqualTo(expected);
		this.tally.effect();
	}

	private static int postSeries(JsonNode messages, LocalDate lastSessionDay) {
		return count(messages,
				(m) -> "CHECK_IN".equals(m.get("kind").asString())
						&& !"SERIES_COMPLETED".equals(m.path("statusReason").asString(""))
						&& !OffsetDateTime.parse(m.get("scheduledFor").asString())
							.toLocalDate()
							.isBefore(lastSessionDay.plusDays(7)));
	}

	private static int duplicates(JsonNode messages) {
		Map<String, Integer> seen = new LinkedHashMap<>();
		messages.forEach((m) -> seen.merge(m.get("kind").asString() + "/" + m.path("sessionId").asString("") + "/"
				+ m.path("checkInId").asString(""), 1, Integer::sum));
		return (int) seen.values().stream().filter((n) -> n > 1).count();
	}

	private static int count(JsonNode array, String kind) {
		return count(array, (m) -> kind.equals(m.get("kind").asString()));
	}

	private static int count(JsonNode array, java.util.function.Predicate<JsonNode> which) {
		int n = 0;
		for (JsonNode item : array) {
			n += which.test(item) ? 1 : 0;
		}
		return n;
	}

	private static boolean contains(JsonNode texts, String fragment) {
		for (JsonNode text : texts) {
			if (text.get("body").asString().contains(fragment)) {
				return true;
			}
		}
		return false;
	}

	static JsonNode find(JsonNode array, String field, String value) {
		for (JsonNode item : array) {
			if (value.equals(item.path(field).asString(""))) {
				return item;
			}
		}
		return null;
	}

}
