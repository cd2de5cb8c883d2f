package org.ketaclinic.screening.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.events.CheckInId;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SubmissionId;
import org.ketaclinic.followup.events.RelapseRiskDetected;
import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.intake.events.IntakeSubmitted;
import org.ketaclinic.intake.events.IntakeWithdrawn;
import org.ketaclinic.intake.events.PatientContactChanged;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.platform.test.WithInfrastructure;
import org.ketaclinic.screening.Sections;
import org.ketaclinic.screening.events.EventTypes;
import org.ketaclinic.screening.events.Topics;
import tools.jackson.databind.JsonNode;

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

/**
 * Clinic scoping (ADR 12): a clinician sees and decides only the assessments and
 * re-reviews of their clinics; another clinic's answer 404 like unknown ones and stay
 * unchanged; events carry the assessment's clinic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class ClinicScopingIT {

	private static final String MAIN = TestTokens.bearer("dr-kim", "CLINICIAN");

	private static final String LAKESIDE = TestTokens.bearerForClinics(List.of(TestTokens.OTHER_CLINIC), "dr-lake",
			"CLINICIAN");

	private static final String BOTH = TestTokens.bearerForClinics(List.of(TestTokens.CLINIC, TestTokens.OTHER_CLINIC),
			"dr-both", "CLINICIAN");

	private static final String NO_CLINIC = TestTokens.bearerForClinics(List.of(), "dr-none", "CLINICIAN");

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
	void anIntakeWithoutClinicLandsInTheDefaultClinicWhichOtherClinicsCannotReadOrDecide() {
		UUID patientId = UUID.randomUUID();
		this.kafka.send(ScreeningIT.consentToTreatment(patientId, true, Instant.now())).join();
		this.kafka.send(ScreeningIT.intakeSubmitted(patientId, UUID.randomUUID(), vignette("V01"))).join();
		JsonNode assessment = awaitAssessments(MAIN, patientId);
		String assessmentId = assessment.get("assessmentId").asString();
		String path = "/api/screening/assessments/" + assessmentId;
		assertThat(assessment.get("clinicId").asString()).isEqualTo("main");

		// lakeside: unknown on every read, absent from lists, and its decision changes
		// nothing
		assertThat(call(HttpMethod.GET, path, LAKESIDE, null).status()).isEqualTo(404);
		assertThat(call(HttpMethod.GET, path, NO_CLINIC, null).status()).isEqualTo(404);
		assertThat(history(LAKESIDE, patientId)).isEmpty();
		assertThat(history(NO_CLINIC, patientId)).isEmpty();
		assertThat(queued(LAKESIDE, patientId)).isEmpty();
		assertThat(queued(NO_CLINIC, patientId)).isEmpty();
		Map<String, Object> approval = Map.of("decision", "APPROVED", "protocol", "IV_KETAMINE", "rationale",
				"Meets criteria");
		Result refused = call(HttpMethod.POST, path + "/decision", LAKESIDE, approval);
		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.json().toString()).doesNotContain("main");
		assertThat(call(HttpMethod.POST, path + "/decision", NO_CLINIC, approval).status()).isEqualTo(404);
		assertThat(call(HttpMethod.GET, path, MAIN, null).json().get("status").asString()).isEqualTo("PENDING_REVIEW");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM decision WHERE assessment_id = ?::uuid",
				Integer.class, assessmentId))
			.isZero();

		// main and a clinician of both clinics see it everywhere
		assertThat(call(HttpMethod.GET, path, BOTH, null).status()).isEqualTo(200);
		assertThat(history(BOTH, patientId)).hasSize(1);
		assertThat(queued(BOTH, patientId)).hasSize(1);
		assertThat(queued(MAIN, patientId)).hasSize(1);

		// main decides: the one decision event there is, of clinic main
		assertThat(call(HttpMethod.POST, path + "/decision", MAIN, approval).status()).isEqualTo(201);
		List<ConsumerRecord<String, byte[]>> events = screeningEvents(patientId, 2);
		List<ConsumerRecord<String, byte[]>> decided = ofType(events, EventTypes.SCREENING_DECIDED);
		assertThat(decided).hasSize(1);
		assertThat(data(decided.get(0)).get("decidedAt")).isNotNull();
		assertThat(data(decided.get(0)).get("clinicId").asString()).isEqualTo("main");
		assertThat(data(ofType(events, EventTypes.SCREENING_ASSESSED).get(0)).get("clinicId").asString())
			.isEqualTo("main");
		assertThat(this.jdbc.queryForObject("SELECT clinic_id FROM decision WHERE assessment_id = ?::uuid",
				String.class, assessmentId))
			.isEqualTo("main");
	}

	@Test
	void anIntakeOfLakesideIsAssessedDecidedAndWithdrawnInLakesideOnly() {
		UUID patientId = UUID.randomUUID();
		UUID submissionId = UUID.randomUUID();
		this.kafka.send(consent(patientId, TestTokens.OTHER_CLINIC)).join();
		this.kafka.send(intake(patientId, submissionId, vignette("V05"), TestTokens.OTHER_CLINIC)).join();
		JsonNode assessment = awaitAssessments(LAKESIDE, patientId);
		String path = "/api/screening/assessments/" + assessment.get("assessmentId").asString();
		assertThat(assessment.get("clinicId").asString()).isEqualTo("lakeside");
		assertThat(this.jdbc.queryForObject("SELECT clinic_id FROM treatment_consent WHERE patient_id = ?",
				String.class, patientId))
			.isEqualTo("lakeside");

		assertThat(call(HttpMethod.GET, path, MAIN, null).status()).isEqualTo(404);
		assertThat(history(MAIN, patientId)).isEmpty();
		assertThat(queued(MAIN, patientId)).isEmpty();
		assertThat(queued(LAKESIDE, patientId)).hasSize(1);
		assertThat(queued(BOTH, patientId)).hasSize(1);
		assertThat(call(HttpMethod.POST, path + "/decision", MAIN,
				Map.of("decision", "DECLINED", "rationale", "not mine to decide"))
			.status()).isEqualTo(404);
		assertThat(call(HttpMethod.GET, path, LAKESIDE, null).json().get("status").asString())
			.isEqualTo("PENDING_REVIEW");

		assertThat(call(HttpMethod.POST, path + "/decision", LAKESIDE,
				Map.of("decision", "APPROVED", "protocol", "ESKETAMINE", "rationale", "Reviewed the same day"))
			.status()).isEqualTo(201);
		this.kafka
			.send(ScreeningIT.event(patientId, org.ketaclinic.intake.events.EventTypes.INTAKE_WITHDRAWN,
					new IntakeWithdrawn(new PatientId(patientId), new SubmissionId(submissionId), Instant.now())))
			.join();

		List<ConsumerRecord<String, byte[]>> events = screeningEvents(patientId, 4);
		EventSchemas schemas = new EventSchemas();
		for (String type : List.of(EventTypes.SCREENING_ASSESSED, EventTypes.URGENT_REVIEW_REQUESTED,
				EventTypes.SCREENING_DECIDED, EventTypes.APPROVAL_WITHDRAWN)) {
			List<ConsumerRecord<String, byte[]>> ofType = ofType(events, type);
			assertThat(ofType).as(type).hasSize(1);
			assertThat(data(ofType.get(0)).get("clinicId").asString()).as(type).isEqualTo("lakeside");
			assertThat(schemas.violations(type, data(ofType.get(0)))).as(type).isEmpty();
		}
	}

	@Test
	void aRelapseReviewBelongsToThePatientsClinic() {
		UUID patientId = UUID.randomUUID();
		this.kafka.send(consent(patientId, TestTokens.OTHER_CLINIC)).join();
		this.kafka.send(intake(patientId, UUID.randomUUID(), vignette("V01"), TestTokens.OTHER_CLINIC)).join();
		awaitAssessments(LAKESIDE, patientId);
		RelapseRiskDetected risk = new RelapseRiskDetected(new PatientId(patientId), new CheckInId(UUID.randomUUID()),
				List.of(RelapseRiskDetected.Reason.LOSS_OF_RESPONSE), 20, 14, Instant.now());
		this.kafka.send(ScreeningIT.event(org.ketaclinic.followup.events.Topics.FOLLOWUP, patientId,
				org.ketaclinic.followup.events.EventTypes.RELAPSE_RISK_DETECTED, risk))
			.join();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM review_item WHERE patient_id = ?",
					Integer.class, patientId) == 1);
		String itemId = this.jdbc.queryForObject("SELECT id::text FROM review_item WHERE patient_id = ?", String.class,
				patientId);
		assertThat(this.jdbc.queryForObject("SELECT clinic_id FROM review_item WHERE patient_id = ?", String.class,
				patientId))
			.isEqualTo("lakeside");

		assertThat(queued(MAIN, patientId)).isEmpty();
		String closure = "/api/screening/review-items/" + itemId + "/closure";
		assertThat(call(HttpMethod.POST, closure, MAIN, Map.of("note", "closing another clinic's")).status())
			.isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT status FROM review_item WHERE id = ?::uuid", String.class, itemId))
			.isEqualTo("OPEN");
		List<JsonNode> lakeside = queued(LAKESIDE, patientId);
		assertThat(lakeside).extracting((item) -> item.get("kind").asString()).contains("RELAPSE_RISK");
		Result closed = call(HttpMethod.POST, closure, LAKESIDE, Map.of("note", "Called the patient"));
		assertThat(closed.status()).isEqualTo(200);
		assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
	}

	private static ClinicalSection vignette(String id) {
		return Sections.vignettes()
			.stream()
			.filter((v) -> v.get("id").asString().equals(id))
			.map((v) -> Sections.clinical(v.get("input")))
			.findFirst()
			.orElseThrow();
	}

	private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> intake(UUID patientId,
			UUID submissionId, ClinicalSection clinical, String clinicId) {
		return ScreeningIT.event(patientId, org.ketaclinic.intake.events.EventTypes.INTAKE_SUBMITTED,
				new IntakeSubmitted(new PatientId(patientId), new SubmissionId(submissionId), 1, Instant.now(),
						clinical, clinicId));
	}

	private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> consent(UUID patientId,
			String clinicId) {
		return ScreeningIT.event(patientId, org.ketaclinic.intake.events.EventTypes.PATIENT_CONTACT_CHANGED,
				new PatientContactChanged(new PatientId(patientId), "+15551234567", null,
						PatientContactChanged.Channel.SMS, "America/New_York",
						new PatientContactChanged.Consents(true, true, false, "2026-01"), Instant.now(), clinicId));
	}

	private JsonNode awaitAssessments(String token, UUID patientId) {
		JsonNode[] found = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			found[0] = history(token, patientId);
			return found[0].size() >= 1;
		});
		return found[0].get(0);
	}

	private JsonNode history(String token, UUID patientId) {
		Result result = call(HttpMethod.GET, "/api/screening/assessments?patientId=" + patientId, token, null);
		assertThat(result.status()).isEqualTo(200);
		return result.json();
	}

	private List<JsonNode> queued(String token, UUID patientId) {
		Result result = call(HttpMethod.GET, "/api/screening/reviews", token, null);
		assertThat(result.status()).isEqualTo(200);
		List<JsonNode> items = new ArrayList<>();
		result.json().forEach((item) -> {
			if (item.get("patientId").asString().equals(patientId.toString())) {
				items.add(item);
			}
		});
		return items;
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
		return records.stream()
			.filter((r) -> type
				.equals(new String(r.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8)))
			.toList();
	}

	private static JsonNode data(ConsumerRecord<String, byte[]> record) {
		return EventJson.mapper().readTree(record.value());
	}

	private Result call(HttpMethod method, String path, String token, Object body) {
		RestClient.RequestBodySpec request = this.client.method(method)
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, token);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(EventJson.mapper().writeValueAsString(body));
		}
		return request.exchange((req, response) -> {
			byte[] bytes = response.getBody().readAllBytes();
			return new Result(response.getStatusCode().value(),
					(bytes.length > 0) ? EventJson.mapper().readTree(bytes) : null);
		});
	}

	record Result(int status, JsonNode json) {
	}

}
