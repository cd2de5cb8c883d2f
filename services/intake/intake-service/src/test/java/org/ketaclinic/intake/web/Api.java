package org.ketaclinic.intake.web;

import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.TestTokens;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Calls the intake API as a member of staff in a role would. */
final class Api {

	static final String FRONT_DESK = TestTokens.bearer("frontdesk-ann", "FRONT_DESK");

	static final String CLINICIAN = TestTokens.bearer("dr-kim", "CLINICIAN");

	static final String ADMIN = TestTokens.bearer("admin-ola", "ADMIN");

	private final RestClient client;

	Api(int port) {
		this.client = RestClient.create("http://localhost:" + port);
	}

	Response call(String method, String path, String authorization, Object body) {
		return call(method, path, authorization, body, null);
	}

	Response call(String method, String path, String authorization, Object body, String idempotencyKey) {
		var request = this.client.method(HttpMethod.valueOf(method)).uri(path);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON)
				.body((body instanceof String text) ? text : EventJson.mapper().writeValueAsString(body));
		}
		return request.exchange((req, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
				new String(response.getBody().readAllBytes())));
	}

	record Response(int status, HttpHeaders headers, String body) {

		JsonNode json() {
			return EventJson.mapper().readTree(this.body);
		}

		String contentType() {
			return (this.headers.getContentType() != null) ? this.headers.getContentType().toString() : null;
		}

	}

}
