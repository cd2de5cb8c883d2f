package org.ketaclinic.platform.audit;

import java.util.Map;

import org.ketaclinic.platform.events.EventJson;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Calls to the proof service for the audit tests. */
final class AuditHttp {

	private final String base;

	AuditHttp(int port) {
		this.base = "http://localhost:" + port;
	}

	Response call(String method, String path, String body, String authorization) {
		var request = RestClient.create(this.base).method(HttpMethod.valueOf(method)).uri(path);
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange((req, response) -> new Response(response.getStatusCode().value(), response.getHeaders(),
				new String(response.getBody().readAllBytes())));
	}

	static String order(String key) {
		return EventJson.mapper().writeValueAsString(Map.of("key", key, "quantity", 1, "kind", "STANDARD"));
	}

	record Response(int status, HttpHeaders headers, String body) {

		JsonNode json() {
			return EventJson.mapper().readTree(this.body);
		}

	}

}
