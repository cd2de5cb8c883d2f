package org.ketaclinic.interop.referral;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.ketaclinic.interop.InteropProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends a referral to intake as {@code POST /api/intake/submissions}, with the referrer's
 * own bearer token and an {@code Idempotency-Key}: validation, idempotency, audit and
 * events are exactly those of a submission made in the UI.
 */
@Component
public class IntakeReferrals {

	/** Intake's command. */
	static final String SUBMISSIONS = "/api/intake/submissions";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** At most this long to connect to intake. */
	private static final Duration CONNECT = Duration.ofSeconds(2);

	private final RestClient intake;

	IntakeReferrals(InteropProperties properties, ObjectProvider<ObservationRegistry> observations) {
		Duration connect = properties.intakeTimeout().compareTo(CONNECT) < 0 ? properties.intakeTimeout() : CONNECT;
		HttpClient http = HttpClient.newBuilder().connectTimeout(connect).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.intakeTimeout());
		RestClient.Builder builder = RestClient.builder()
			.baseUrl(properties.intakeUri().toString())
			.requestFactory(requests);
		// observed as the service's other calls are (metrics, and the trace when tracing
		// is on)
		observations.ifAvailable(builder::observationRegistry);
		this.intake = builder.build();
	}

	/**
	 * Intake's answer.
	 *
	 * @param status its HTTP status, or 503 when it did not answer
	 * @param submissionId the submission taken in (201), or null
	 * @param patientId its patient (201), or null
	 * @param detail the problem's detail (an error), or null
	 * @param fieldErrors each field intake refused, by its path, with why
	 */
	public record Answer(int status, String submissionId, String patientId, String detail,
			Map<String, String> fieldErrors) {

		/** Whether intake took the referral in. */
		public boolean created() {
			return this.status == 201 && this.submissionId != null;
		}

	}

	/**
	 * Sends the referral.
	 * @param body intake's request body
	 * @param authorization the referrer's {@code Authorization} header
	 * @param idempotencyKey the key that makes a retry safe
	 */
	public Answer submit(ObjectNode body, String authorization, String idempotencyKey) {
		try {
			return this.intake.post()
				.uri(SUBMISSIONS)
				.header(HttpHeaders.AUTHORIZATION, authorization)
				.header("Idempotency-Key", idempotencyKey)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
				.body(JSON.writeValueAsString(body))
				.exchange((request, response) -> answer(response.getStatusCode().value(),
						new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
		}
		catch (ResourceAccessException ex) {
			return new Answer(503, null, null, "intake did not answer", Map.of());
		}
	}

	private static Answer answer(int status, String text) throws IOException {
		JsonNode json;
		try {
			json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
		}
		catch (JacksonException ex) {
			json = JSON.createObjectNode();
		}
		if (status == 201) {
			return new Answer(status, textOf(json, "submissionId"), textOf(json, "patientId"), null, Map.of());
		}
		Map<String, String> fields = new LinkedHashMap<>();
		List<String> general = new ArrayList<>();
		for (JsonNode error : json.path("errors")) {
			String field = textOf(error, "field");
			String message = textOf(error, "message");
			if (field != null) {
				fields.merge(field, (message != null) ? message : "is invalid", (a, b) -> a + "; " + b);
			}
			else if (message != null) {
				general.add(message);
			}
		}
		String detail = textOf(json, "detail");
		if (detail == null && !general.isEmpty()) {
			detail = String.join("; ", general);
		}
		return new Answer((status >= 500) ? 503 : status, null, null, detail, fields);
	}

	private static String textOf(JsonNode json, String name) {
		JsonNode value = json.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
