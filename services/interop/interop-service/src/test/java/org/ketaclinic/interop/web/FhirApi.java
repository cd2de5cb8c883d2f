package org.ketaclinic.interop.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.CloudEventRecords;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as its tests meet it: FHIR JSON over HTTP with a bearer token (or none),
 * and the producers' events sent to its topics as the producers write them.
 */
final class FhirApi {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final int port;

	FhirApi(int port) {
		this.port = port;
	}

	/** A GET asking for FHIR JSON; a null bearer sends no token. */
	HttpResponse<String> get(String path, String bearer) throws Exception {
		return get(path, bearer, Fhir.JSON);
	}

	/** A GET asking for the given media type; a null bearer sends no token. */
	HttpResponse<String> get(String path, String bearer, String accept) throws Exception {
		return send(request(path, bearer).header("Accept", accept).GET());
	}

	/** A POST of FHIR JSON; a null bearer sends no token. */
	HttpResponse<String> post(String path, String body, String bearer) throws Exception {
		return send(request(path, bearer).header("Content-Type", Fhir.JSON)
			.header("Accept", Fhir.JSON)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A search that must answer 200, read as its Bundle. */
	Bundle search(String pathAndQuery, String bearer) throws Exception {
		HttpResponse<String> answer = get(pathAndQuery, bearer);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return Fhir.read(Bundle.class, answer.body());
	}

	/** An event as its producer publishes it, keyed by the patient. */
	static void send(KafkaTemplate<String, byte[]> kafka, String topic, UUID patient, String source, String type,
			ObjectNode data) {
		kafka
			.send(CloudEventRecords.of(topic, patient.toString(), source, type,
					EventJson.mapper().writeValueAsBytes(data)))
			.join();
	}

	private HttpRequest.Builder request(String path, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (bearer != null) {
			request.header("Authorization", bearer);
		}
		return request;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
