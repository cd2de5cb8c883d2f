package org.ketaclinic.intake.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaclinic.intake.Intakes;
import org.ketaclinic.platform.test.WithInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each way a submission can be wrong gets a 400 problem that names the field, and writes
 * nothing: no patient, no submission, no event, no audit entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class InvalidSubmissionsIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	Api api;

	@BeforeEach
	void client() {
		this.api = new Api(this.port);
	}

	static Stream<Arguments> invalidSubmissions() {
		return Stream.of(arguments("age above 120", clinical((c) -> c.put("ageYears", 121)), "clinical.ageYears"),
				arguments("age that disagrees with the date of birth", clinical((c) -> c.put("ageYears", 43)),
						"clinical.ageYears"),
				arguments("age that is not a number", clinical((c) -> c.put("ageYears", "forty-two")),
						"clinical.ageYears"),
				arguments("implausible systolic pressure", clinical((c) -> c.put("systolicBp", 400)),
						"clinical.systolicBp"),
				arguments("implausible diastolic pressure", clinical((c) -> c.put("diastolicBp", 10)),
						"clinical.diastolicBp"),
				arguments("implausible heart rate", clinical((c) -> c.put("heartRate", 0)), "clinical.heartRate"),
				arguments("negative failed trials", clinical((c) -> c.put("failedAdequateTrialsCurrentEpisode", -1)),
						"clinical.failedAdequateTrialsCurrentEpisode"),
				arguments("PHQ-9 total above 27", clinical((c) -> c.put("phq9Total", 28)), "clinical.phq9Total"),
				arguments("PHQ-9 item 9 above 3", clinical((c) -> c.put("phq9Item9", 4)), "clinical.phq9Item9"),
				arguments("PHQ-9 total below item 9", clinical((c) -> c.put("phq9Total", 1).put("phq9Item9", 2)),
						"clinical.phq9Total"),
				arguments("PHQ-9 total that disagrees with the items", clinical((c) -> {
					c.putArray("phq9Items").add(2).add(2).add(2).add(2).add(2).add(2).add(2).add(2).add(0);
					return c.put("phq9Total", 18).put("phq9Item9", 0);
				}), "clinical.phq9Total"), arguments("PHQ-9 item answer above 3", clinical((c) -> {
					c.putArray("phq9Items").add(0).add(0).add(5).add(0).add(0).add(0).add(0).add(0).add(0);
					return c.putNull("phq9Total").putNull("phq9Item9");
				}), "clinical.phq9Items[2]"),
				arguments("C-SSRS answer that is not a yes or no",
						clinical((c) -> ((ObjectNode) c.get("cssrs")).put("q1WishDead", "sometimes")),
						"clinical.cssrs.q1WishDead"),
				arguments("unknown pregnancy status", clinical((c) -> c.put("pregnancyStatus", "MAYBE")),
						"clinical.pregnancyStatus"),
				arguments("unknown medication class", clinical((c) -> {
					c.putArray("medicationClasses").add("SSRI").add("ASPIRIN");
					return c;
				}), "clinical.medicationClasses[1]"),
				arguments("negative benzodiazepine dose",
						clinical((c) -> c.put("benzodiazepineDiazepamEqMgPerDay", -5)),
						"clinical.benzodiazepineDiazepamEqMgPerDay"),
				arguments("misspelt clinical field", clinical((c) -> c.put("systolicBP", 120)), "clinical.systolicBP"),
				arguments("date of birth in the future",
						body((b) -> ((ObjectNode) b.get("patient")).put("dateOfBirth", "2999-01-01")),
						"patient.dateOfBirth"),
				arguments("blank given name", body((b) -> ((ObjectNode) b.get("patient")).put("givenName", " ")),
						"patient.givenName"),
				arguments("oversized family name",
						body((b) -> ((ObjectNode) b.get("patient")).put("familyName", "x".repeat(101))),
						"patient.familyName"),
				arguments("unknown time zone",
						body((b) -> ((ObjectNode) b.get("contact")).put("timeZone", "Mars/Olympus_Mons")),
						"contact.timeZone"),
				arguments("phone not in international form",
						body((b) -> ((ObjectNode) b.get("contact")).put("phone", "555-1234")), "contact.phone"),
				arguments("malformed email", body((b) -> ((ObjectNode) b.get("contact")).put("email", "ada@")),
						"contact.email"),
				arguments("unknown channel",
						body((b) -> ((ObjectNode) b.get("contact")).put("preferredChannel", "PIGEON")),
						"contact.preferredChannel"),
				arguments("SMS preferred without a phone",
						body((b) -> ((ObjectNode) b.get("contact")).putNull("phone")), "contact.phone"),
				arguments("consent text version missing",
						body((b) -> ((ObjectNode) b.get("consents")).remove("textVersion")), "consents.textVersion"),
				arguments("no consents for a new patient", body((b) -> {
					b.remove("consents");
					return b;
				}), "consents"),
				arguments(
						"SQL in a name field is just an oversized name", body((b) -> ((ObjectNode) b.get("patient"))
							.put("givenName", "Robert'); DROP TABLE patient;--" + "x".repeat(90))),
						"patient.givenName"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSubmissions")
	void isRefusedWithTheFieldNamedAndWritesNothing(String description, UnaryOperator<ObjectNode> mutation,
			String field) {
		List<Integer> before = counts();
		ObjectNode body = mutation.apply(Intakes.newSubmission(Intakes.aTreatmentResistantAdult()));
		Api.Response response = this.api.call("POST", "/api/intake/submissions", Api.FRONT_DESK, body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		assertThat(fields).contains(field);
		assertThat(counts()).as("nothing written").isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedBodies")
	void malformedJsonIsRefusedAsSuch(String description, String body) {
		Api.Response response = this.api.call("POST", "/api/intake/submissions", Api.FRONT_DESK, body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("$");
	}

	static Stream<Arguments> malformedBodies() {
		return Stream.of(arguments("truncated", "{\"patient\": {"), arguments("not JSON", "patient=Ada"),
				arguments("empty", ""));
	}

	private List<Integer> counts() {
		return Stream.of("patient", "submission", "submission_version", "consent", "outbox_event", "audit_event")
			.map((table) -> this.jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class))
			.toList();
	}

	private static UnaryOperator<ObjectNode> clinical(UnaryOperator<ObjectNode> change) {
		return (body) -> {
			change.apply((ObjectNode) body.get("clinical"));
			return body;
		};
	}

	private static UnaryOperator<ObjectNode> body(java.util.function.Function<ObjectNode, JsonNode> change) {
		return (body) -> {
			change.apply(body);
			return body;
		};
	}

}
