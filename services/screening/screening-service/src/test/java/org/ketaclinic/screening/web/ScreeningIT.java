package org.ketaclinic.screening.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.CheckInId;
import org.ketaclinic.events.EventType;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.intake.events.IntakeAmended;
import org.ketaclinic.intake.events.IntakeSubmitted;
import org.ketaclinic.intake.events.IntakeTopicEvent;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSamples;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.CloudEventRecords;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;
import org.ketaclinic.screening.Sections;
import org.ketaclinic.screening.events.EventTypes;
import org.ketaclinic.screening.events.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class ScreeningIT {

	private static final String CLINICIAN = TestTokens.bearer("dr-kim", "CLINICIAN");

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	JdbcTemplate jdbc;

	RestClient client;

	@BeforeEach
	void client() {
		this.client = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void anIntakeDeliveredTwiceIsAssessedAndPublishedOnce() {
		UUID patientId = UUID.randomUUID();
		UUID submissionId = UUID.randomUUID();
		ProducerRecord<String, byte[]> event = intakeSubmitted(patientId, submissionId, vignette("V05"));
		this.kafka.send(event).join();
		this.kafka.send(event).join();

		JsonNode assessments = awaitAssessments(patientId, 1);
		assertThat(assessments).hasSize(1);
		JsonNode assessment = assessments.get(0);
		assertThat(assessment.get("outcome").asString()).isEqualTo("URGENT_SAME_DAY_REVIEW");
		assertThat(assessment.get("status").asString()).isEqualTo("PENDING_REVIEW");
		assertThat(assessment.get("submissionId").asString()).isEqualTo(submissionId.toString());
		assertThat(assessment.get("submissionVersion").asInt()).isEqualTo(1);
		assertThat(assessment.get("rulesetVersion").asString()).startsWith("clinical-criteria-");
		assertThat(assessment.get("criteria").get("bp").get("exclude").get("systolicAbove").asInt()).isEqualTo(180);
		JsonNode finding = assessment.get("findings").get(0);
		assertThat(finding.has("ruleId") && finding.has("category") && finding.has("rationale") && finding.has("source")
				&& finding.has("inputs"))
			.isTrue();

		List<ConsumerRecord<String, byte[]>> published = screeningEvents(patientId, 2);
		assertThat(ofType(published, EventTypes.SCREENING_ASSESSED)).hasSize(1);
		assertThat(ofType(published, EventTypes.URGENT_REVIEW_REQUESTED)).hasSize(1);
		JsonNode assessed = data(ofType(published, EventTypes.SCREENING_ASSESSED).get(0));
		assertThat(assessed.get("firedRuleIds").toString()).contains("SCR-URG-01", "SCR-URG-03");
		JsonNode urgent = data(ofType(published, EventTypes.URGENT_REVIEW_REQUESTED).get(0));
		assertThat(urgent.get("urgentRuleIds").toString()).contains("SCR-URG-01", "SCR-URG-03");
		EventSchemas schemas = new EventSchemas();
		published
			.forEach((record) -> assertThat(schemas.violations(header(record, CloudEventHeaders.TYPE), data(record)))
				.isEmpty());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM assessment WHERE submission_id = ?", Integer.class,
				submissionId))
			.isEqualTo(1);
	}

	@Test
	void eachVignetteArrivingAsAnIntakeGetsItsExpectedOutcome() {
		List<UUID> patients = new ArrayList<>();
		for (JsonNode vignette : Sections.vignettes()) {
			UUID patientId = UUID.randomUUID();
			patients.add(patientId);
			this.kafka.send(intakeSubmitted(patientId, UUID.randomUUID(), Sections.clinical(vignette.get("input"))))
				.join();
		}
		for (int i = 0; i < patients.size(); i++) {
			JsonNode vignette = Sections.vignettes().get(i);
			JsonNode assessment = awaitAssessments(patients.get(i), 1).get(0);
			assertThat(assessment.get("outcome").asString()).as(vignette.get("id").asString())
				.isEqualTo(vignette.get("expectedOutcome").asString());
			List<String> ruleIds = new ArrayList<>();
			assessment.get("findings").forEach((finding) -> ruleIds.add(finding.get("ruleId").asString()));
			List<String> expected = new ArrayList<>();
			vignette.get("expectedRuleIds").forEach((id) -> expected.add(id.asString()));
			assertThat(ruleIds).as(vignette.get("id").asString()).isEqualTo(expected);
		}
	}

	@Test
	void theQueuePutsUrgentFirstThenHighPriorityThenByDueTime() {
		UUID routine = UUID.randomUUID();
		UUID high = UUID.randomUUID();
		UUID urgent = UUID.randomUUID();
		this.kafka.send(intakeSubmitted(routine, UUID.randomUUID(), vignette("V03"))).join();
		this.kafka
			.send(intakeSubmitted(high, UUID.randomUUID(),
					Sections.clinicalWith((c) -> ((tools.jackson.databind.node.ObjectNode) c.get("cssrs"))
						.put("q2ActiveThoughts", true)
						.put("q3Method", true)
						.put("q4Intent", false)
						.put("q5PlanWithIntent", false))))
			.join();
		this.kafka.send(intakeSubmitted(urgent, UUID.randomUUID(), vignette("V05"))).join();
		awaitAssessments(routine, 1);
		awaitAssessments(high, 1);
		awaitAssessments(urgent, 1);
		this.jdbc.update("UPDATE assessment SET due_at = now() - interval '1 hour' WHERE patient_id = ?", routine);

		JsonNode queue = get("/api/screening/reviews?status=PENDING");
		List<String> order = new ArrayList<>();
		queue.forEach((item) -> {
			String patient = item.get("patientId").asString();
			if (patient.equals(routine.toString()) || patient.equals(high.toString())
					|| patient.equals(urgent.toString())) {
				order.add(patient);
			}
		});
		assertThat(order).containsExactly(urgent.toString(), high.toString(), routine.toString());
		for (JsonNode item : queue) {
			if (item.get("patientId").asString().equals(routine.toString())) {
				assertThat(item.get("overdue").asBoolean()).isTrue();
			}
			if (item.get("patientId").asString().equals(high.toString())) {
				Instant due = Instant.parse(item.get("dueAt").asString());
				assertThat(due).isBetween(Instant.now().plus(Duration.ofHours(23)),
						Instant.now().plus(Duration.ofHours(25)));
			}
		}
	}

	@Test
	void aClinicianApprovesOverridingEachExclusionByNameWithAReason() {
		UUID patientId = UUID.randomUUID();
		this.kafka.send(consentToTreatment(patientId, true, Instant.now())).join();
		this.kafka.send(intakeSubmitted(patientId, UUID.randomUUID(), vignette("V07"))).join();
		String assessmentId = awaitAssessments(patientId, 1).get(0).get("assessmentId").asString();
		String path = "/api/screening/assessments/" + assessmentId + "/decision";

		assertThat(post(path, Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE")).fields())
			.contains("rationale");
		assertThat(post(path, Map.of("decision", "APPROVED", "rationale", "Benefits outweigh risks")).fields())
			.contains("protocol", "overrides");
		assertThat(post(path,
				Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale", "ok", "overrides",
						List.of(Map.of("ruleId", "SCR-EXC-01", "reason", "x"))))
			.fields()).contains("overrides[0].ruleId", "overrides");

		Map<String, Object> approval = Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale",
				"Pregnancy ended; confirmed by test today", "overrides",
				List.of(Map.of("ruleId", "SCR-EXC-06", "reason", "No longer pregnant (negative test 2026-11-26)")));
		Result approved = post(path, approval);
		assertThat(approved.status()).isEqualTo(201);
		assertThat(approved.json().get("decidedBy").asString()).isEqualTo("dr-kim");
		assertThat(post(path, approval).status()).as("the same decision again").isEqualTo(201);
		Result otherwise = post(path, Map.of("decision", "DECLINED", "rationale", "changed my mind"));
		assertThat(otherwise.status()).isEqualTo(409);

		JsonNode decided = get("/api/screening/assessments/" + assessmentId);
		assertThat(decided.get("status").asString()).isEqualTo("DECIDED");
		List<ConsumerRecord<String, byte[]>> events = screeningEvents(UUID.fromString(patientId.toString()), 2);
		List<ConsumerRecord<String, byte[]>> decisions = ofType(events, EventTypes.SCREENING_DECIDED);
		assertThat(decisions).hasSize(1);
		JsonNode event = data(decisions.get(0));
		assertThat(event.get("decision").asString()).isEqualTo("APPROVED");
		assertThat(event.get("protocol").asString()).isEqualTo("IV_KETAMINE");
		assertThat(event.get("overriddenRuleIds").toString()).contains("SCR-EXC-06");
		assertThat(new String(decisions.get(0).value(), StandardCharsets.UTF_8)).doesNotContain("negative test");
	}

	@Test
	void anOverrideWithABlankReasonIsRefusedNamingTheField() {
		UUID patientId = UUID.randomUUID();
		this.kafka.send(consentToTreatment(patientId, true, Instant.now())).join();
		this.kafka.send(intakeSubmitted(patientId, UUID.randomUUID(), vignette("V07"))).join();
		String assessmentId = awaitAssessments(patientId, 1).get(0).get("assessmentId").asString();
		String path = "/api/screening/assessments/" + assessmentId + "/decision";

		Result blank = post(path, Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale",
				"Pregnancy ended", "overrides", List.of(Map.of("ruleId", "SCR-EXC-06", "reason", "  "))));
		assertThat(blank.fields()).containsExactly("overrides[0].reason");
		assertThat(blank.json().get("errors").get(0).get("message").asString()).contains("why");
		assertThat(get("/api/screening/assessments/" + assessmentId).get("status").asString()).as("nothing decided")
			.isEqualTo("PENDING_REVIEW");
	}

	@Test
	void approvingIsRefusedWhileThePatientHasNotConsentedToTreatmentButDecliningIsNot() {
		UUID neverConsented = UUID.randomUUID();
		this.kafka.send(intakeSubmitted(neverConsented, UUID.randomUUID(), vignette("V01"))).join();
		String assessmentId = awaitAssessments(neverConsented, 1).get(0).get("assessmentId").asString();
		String path = "/api/screening/assessments/" + assessmentId + "/decision";

		Result refused = post(path,
				Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale", "Meets criteria"));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("Treatment consent is missing");
		assertThat(get("/api/screening/assessments/" + assessmentId).get("status").asString())
			.isEqualTo("PENDING_REVIEW");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM decision WHERE assessment_id = ?::uuid",
				Integer.class, assessmentId))
			.isZero();
		assertThat(post(path, Map.of("decision", "DECLINED", "rationale", "No consent to treatment")).status())
			.isEqualTo(201);

		UUID asked = UUID.randomUUID();
		this.kafka.send(consentToTreatment(asked, false, Instant.now())).join();
		this.kafka.send(intakeSubmitted(asked, UUID.randomUUID(), vignette("V01"))).join();
		String other = awaitAssessments(asked, 1).get(0).get("assessmentId").asString();
		assertThat(post("/api/screening/assessments/" + other + "/decision",
				Map.of("decision", "APPROVED", "protocol", "ESKETAMINE", "rationale", "Meets criteria"))
			.status()).as("consent refused").isEqualTo(409);
		assertThat(post("/api/screening/assessments/" + other + "/decision",
				Map.of("decision", "MORE_INFO_REQUESTED", "rationale", "Discuss consent with the patient"))
			.status()).isEqualTo(201);
	}

	@Test
	void theNewestConsentChangeWinsWhateverOrderTheEventsArriveIn() {
		UUID patientId = UUID.randomUUID();
		Instant consented = Instant.parse("2026-11-20T10:00:00Z");
		Instant withdrawn = consented.plus(Duration.ofDays(2));
		this.kafka.send(consentToTreatment(patientId, true, consented)).join();
		this.kafka.send(consentToTreatment(patientId, false, withdrawn)).join();
		// an older change delivered late must not revive the consent
		this.kafka.send(consentToTreatment(patientId, true, consented.minus(Duration.ofDays(1)))).join();
		this.kafka.send(intakeSubmitted(patientId, UUID.randomUUID(), vignette("V01"))).join();
		String assessmentId = awaitAssessments(patientId, 1).get(0).get("assessmentId").asString();
		String path = "/api/screening/assessments/" + assessmentId + "/decision";
		Map<String, Object> approval = Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale",
				"Meets criteria");

		assertThat(post(path, approval).status()).isEqualTo(409);

		this.kafka.send(consentToTreatment(patientId, true, withdrawn.plus(Duration.ofHours(1)))).join();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM treatment_consent WHERE patient_id = ? AND treatment", Integer.class,
					patientId) == 1);
		assertThat(post(path, approval).status()).isEqualTo(201);
	}

	@Test
	void intakesGoldenContactSampleRecordsTheConsentToTreatment() throws Exception {
		byte[] sample;
		try (var in = PatientContactChanged.class.getResourceAsStream("/samples/PatientContactChanged.v1.json")) {
			sample = in.readAllBytes();
		}
		UUID patientId = UUID.fromString(EventJson.mapper().readTree(sample).get("patientId").asString());
		this.kafka
			.send(CloudEventRecords.of(org.ketaclinic.intake.events.Topics.INTAKE, patientId.toString(),
					"/ketaclinic/intake", org.ketaclinic.intake.events.EventTypes.PATIENT_CONTACT_CHANGED, sample))
			.join();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList("SELECT treatment FROM treatment_consent WHERE patient_id = ?",
					Boolean.class, patientId), (rows) -> rows.equals(List.of(true)));
	}

	/**
	 * ADR 2's additive evolution: intake may add a field to the clinical section before
	 * screening is redeployed; the intake is still assessed, not dead-lettered.
	 */
	@Test
	void anIntakeFromANewerProducerWithFieldsThisBuildDoesNotKnowIsStillAssessed() {
		UUID patientId = UUID.randomUUID();
		ObjectNode newer = EventJson.mapper()
			.valueToTree(new IntakeSubmitted(new PatientId(patientId), new SubmissionId(UUID.randomUUID()), 1,
					Instant.now(), vignette("V03")));
		((ObjectNode) newer.get("clinical")).put("someFieldAddedLater", 3);
		((ObjectNode) newer.get("clinical").get("cssrs")).put("q7AddedLater", false);
		newer.put("envelopeFieldAddedLater", "x");
		this.kafka.send(event(patientId, org.ketaclinic.intake.events.EventTypes.INTAKE_SUBMITTED, newer)).join();

		JsonNode assessment = awaitAssessments(patientId, 1).get(0);
		assertThat(assessment.get("outcome").asString()).isEqualTo(Sections.vignettes()
			.stream()
			.filter((v) -> v.get("id").asString().equals("V03"))
			.findFirst()
			.orElseThrow()
			.get("expectedOutcome")
			.asString());
	}

	/**
	 * The golden samples intake publishes (its contract with screening) are consumed:
	 * each type screening reads from the intake topic is decoded and acted on.
	 */
	@Test
	void everyGoldenSampleOnTheIntakeTopicIsConsumed() {
		UUID patientId = UUID.randomUUID();
		UUID submissionId = UUID.randomUUID();
		List<String> eventIds = new ArrayList<>();
		for (EventType type : IntakeTopicEvent.FAMILY.types()) {
			ObjectNode sample = (ObjectNode) EventSamples.sample(type.name());
			sample.put("patientId", patientId.toString());
			if (sample.has("submissionId")) {
				sample.put("submissionId", submissionId.toString());
			}
			ProducerRecord<String, byte[]> record = event(patientId, type.name(), sample);
			eventIds.add(new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8));
			this.kafka.send(record).join();
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM processed_event WHERE event_id = ANY (?::text[])", Integer.class,
					(Object) eventIds.toArray(String[]::new)), (count) -> count == eventIds.size());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM assessment WHERE submission_id = ?", Integer.class,
				submissionId))
			.as("the submitted and the amended version, each assessed")
			.isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT treatment FROM treatment_consent WHERE patient_id = ?", Boolean.class,
				patientId))
			.hasSize(1);
	}

	@Test
	void anAmendedIntakeSupersedesTheOpenAssessment() {
		UUID patientId = UUID.randomUUID();
		UUID submissionId = UUID.randomUUID();
		this.kafka.send(intakeSubmitted(patientId, submissionId, vignette("V03"))).join();
		String first = awaitAssessments(patientId, 1).get(0).get("assessmentId").asString();
		ClinicalSection amended = Sections.clinicalWith((c) -> c.put("failedAdequateTrialsCurrentEpisode", 2));
		this.kafka
			.send(event(patientId, org.ketaclinic.intake.events.EventTypes.INTAKE_AMENDED,
					new IntakeAmended(new PatientId(patientId), new SubmissionId(submissionId), 2, Instant.now(),
							amended)))
			.join();

		JsonNode history = awaitAssessments(patientId, 2);
		assertThat(history.get(0).get("submissionVersion").asInt()).isEqualTo(2);
		assertThat(history.get(0).get("outcome").asString()).isEqualTo("ELIGIBLE_PENDING_CLINICIAN_SIGNOFF");
		assertThat(history.get(0).get("supersedes").asString()).isEqualTo(first);
		assertThat(history.get(1).get("status").asString()).isEqualTo("SUPERSEDED");
		assertThat(post("/api/screening/assessments/" + first + "/decision",
				Map.of("decision", "DECLINED", "rationale", "too late"))
			.status()).isEqualTo(409);
	}

	@Test
	void aWithdrawnIntakeWithdrawsItsApproval() {
		UUID patientId = UUID.randomUUID();
		UUID submissionId = UUID.randomUUID();
		this.kafka.send(consentToTreatment(patientId, true, Instant.now())).join();
		this.kafka.send(intakeSubmitted(patientId, submissionId, vignette("V01"))).join();
		String assessmentId = awaitAssessments(patientId, 1).get(0).get("assessmentId").asString();
		assertThat(post("/api/screening/assessments/" + assessmentId + "/decision",
				Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale", "Meets criteria"))
			.status()).isEqualTo(201);

		this.kafka
			.send(event(patientId, org.ketaclinic.intake.events.EventTypes.INTAKE_WITHDRAWN,
					new org.ketaclinic.intake.events.IntakeWithdrawn(new PatientId(patientId),
							new SubmissionId(submissionId), Instant.now())))
			.join();

		List<ConsumerRecord<String, byte[]>> events = screeningEvents(patientId, 3);
		List<ConsumerRecord<String, byte[]>> withdrawn = ofType(events, EventTypes.APPROVAL_WITHDRAWN);
		assertThat(withdrawn).hasSize(1);
		assertThat(data(withdrawn.get(0)).get("assessmentId").asString()).isEqualTo(assessmentId);
		assertThat(new EventSchemas().violations(EventTypes.APPROVAL_WITHDRAWN, data(withdrawn.get(0)))).isEmpty();
		assertThat(get("/api/screening/assessments/" + assessmentId).get("status").asString()).isEqualTo("SUPERSEDED");
	}

	@Test
	void anAssessmentPastItsValidityCannotBeApproved() {
		UUID patientId = UUID.randomUUID();
		this.kafka.send(consentToTreatment(patientId, true, Instant.now())).join();
		this.kafka.send(intakeSubmitted(patientId, UUID.randomUUID(), vignette("V01"))).join();
		String assessmentId = awaitAssessments(patientId, 1).get(0).get("assessmentId").asString();
		this.jdbc.update("UPDATE assessment SET created_at = now() - interval '31 days' WHERE id = ?::uuid",
				assessmentId);

		Result response = post("/api/screening/assessments/" + assessmentId + "/decision",
				Map.of("decision", "APPROVED", "protocol", "ESKETAMINE", "rationale", "Meets criteria"));
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("detail").asString()).contains("fresh intake");
		assertThat(get("/api/screening/assessments/" + assessmentId).get("status").asString()).isEqualTo("EXPIRED");
	}

	@Test
	void aRelapseRiskFromFollowUpOpensAReviewForThePatientsClinician() {
		UUID patientId = UUID.randomUUID();
		this.kafka.send(consentToTreatment(patientId, true, Instant.now())).join();
		this.kafka.send(intakeSubmitted(patientId, UUID.randomUUID(), vignette("V01"))).join();
		String assessmentId = awaitAssessments(patientId, 1).get(0).get("assessmentId").asString();
		assertThat(post("/api/screening/assessments/" + assessmentId + "/decision",
				Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale", "Meets criteria"))
			.status()).isEqualTo(201);

		RelapseRiskDetected risk = new RelapseRiskDetected(new PatientId(patientId), new CheckInId(UUID.randomUUID()),
				List.of(RelapseRiskDetected.Reason.LOSS_OF_RESPONSE), 20, 14, Instant.now());
		ProducerRecord<String, byte[]> event = event(org.ketaclinic.followup.events.Topics.FOLLOWUP, patientId,
				org.ketaclinic.followup.events.EventTypes.RELAPSE_RISK_DETECTED, risk);
		this.kafka.send(event).join();
		this.kafka.send(event).join();

		JsonNode[] item = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			item[0] = null;
			get("/api/screening/reviews").forEach((queued) -> {
				if (queued.get("patientId").asString().equals(patientId.toString())
						&& queued.get("kind").asString().equals("RELAPSE_RISK")) {
					item[0] = queued;
				}
			});
			return item[0] != null;
		});
		assertThat(item[0].get("assignedTo").asString()).isEqualTo("dr-kim");
		assertThat(item[0].get("reasons").toString()).contains("LOSS_OF_RESPONSE");
		assertThat(item[0].get("priority").asInt()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM review_item WHERE patient_id = ?", Integer.class,
				patientId))
			.as("delivered twice, opened once")
			.isEqualTo(1);

		String closure = "/api/screening/review-items/" + item[0].get("reviewItemId").asString() + "/closure";
		assertThat(post(closure, Map.of("note", " ")).fields()).containsExactly("note");
		Result closed = post(closure, Map.of("note", "Called the patient; booster proposed"));
		assertThat(closed.status()).isEqualTo(200);
		assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
	}

	@Test
	void onlyCliniciansSeeAndDecideAssessments() {
		String frontDesk = TestTokens.bearer("frontdesk-ann", "FRONT_DESK");
		int status = this.client.get()
			.uri("/api/screening/reviews")
			.header(HttpHeaders.AUTHORIZATION, frontDesk)
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(403);
		int decide = this.client.post()
			.uri("/api/screening/assessments/" + UUID.randomUUID() + "/decision")
			.header(HttpHeaders.AUTHORIZATION, frontDesk)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(decide).isEqualTo(403);
	}

	private static ClinicalSection vignette(String id) {
		return Sections.vignettes()
			.stream()
			.filter((v) -> v.get("id").asString().equals(id))
			.map((v) -> Sections.clinical(v.get("input")))
			.findFirst()
			.orElseThrow();
	}

	private JsonNode awaitAssessments(UUID patientId, int count) {
		JsonNode[] found = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			found[0] = get("/api/screening/assessments?patientId=" + patientId);
			return found[0].size() >= count;
		});
		return found[0];
	}

	private static List<ConsumerRecord<String, byte[]>> screeningEvents(UUID patientId, int atLeast) {
		return TopicProbe
			.readUntil(Topics.SCREENING,
					(read) -> read.stream().filter((r) -> patientId.toString().equals(r.key())).count() >= atLeast,
					Duration.ofSeconds(30))
			.stream()
			.filter((r) -> patientId.toString().equals(r.key()))
			.toList();
	}

	private static List<ConsumerRecord<String, byte[]>> ofType(List<ConsumerRecord<String, byte[]>> records,
			String type) {
		return records.stream().filter((r) -> type.equals(header(r, CloudEventHeaders.TYPE))).toList();
	}

	private static JsonNode data(ConsumerRecord<String, byte[]> record) {
		return EventJson.mapper().readTree(record.value());
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	static ProducerRecord<String, byte[]> intakeSubmitted(UUID patientId, UUID submissionId, ClinicalSection clinical) {
		return event(patientId, org.ketaclinic.intake.events.EventTypes.INTAKE_SUBMITTED, new IntakeSubmitted(
				new PatientId(patientId), new SubmissionId(submissionId), 1, Instant.now(), clinical));
	}

	/**
	 * Intake's word that the patient's consent to treatment changed (contact as usual).
	 */
	static ProducerRecord<String, byte[]> consentToTreatment(UUID patientId, boolean treatment, Instant changedAt) {
		return event(patientId, org.ketaclinic.intake.events.EventTypes.PATIENT_CONTACT_CHANGED,
				new PatientContactChanged(new PatientId(patientId), "+15551234567", null,
						PatientContactChanged.Channel.SMS, "America/New_York",
						new PatientContactChanged.Consents(treatment, true, false, "2026-01"), changedAt));
	}

	static ProducerRecord<String, byte[]> event(UUID patientId, String type, Object data) {
		return event(org.ketaclinic.intake.events.Topics.INTAKE, patientId, type, data);
	}

	static ProducerRecord<String, byte[]> event(String topic, UUID patientId, String type, Object data) {
		return CloudEventRecords.of(topic, patientId.toString(), "/ketaclinic/" + topic.split("\\.")[1], type,
				EventJson.mapper().writeValueAsBytes(data));
	}

	private JsonNode get(String path) {
		return EventJson.mapper()
			.readTree(this.client.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, CLINICIAN)
				.retrieve()
				.body(String.class));
	}

	private Result post(String path, Object body) {
		return this.client.method(HttpMethod.POST)
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, CLINICIAN)
			.contentType(MediaType.APPLICATION_JSON)
			.body(EventJson.mapper().writeValueAsString(body))
			.exchange((request, response) -> new Result(response.getStatusCode().value(),
					EventJson.mapper().readTree(response.getBody().readAllBytes())));
	}

	record Result(int status, JsonNode json) {

		List<String> fields() {
			assertThat(this.status).isEqualTo(400);
			return this.json.findValuesAsString("field");
		}

	}

}
