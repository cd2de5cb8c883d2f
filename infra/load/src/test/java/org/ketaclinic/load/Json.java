package org.ketaclinic.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls with JSON answers, for setting up and checking a benchmark. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static JsonNode get(String token, String path) {
		HttpResponse<String> response = Platform.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
		}
		return MAPPER.readTree(response.body());
	}

	static JsonNode post(String token, String path, String body) {
		HttpResponse<String> response = Platform.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException("POST " + path + " answered " + response.statusCode());
		}
		return MAPPER.readTree(response.body());
	}

	static JsonNode await(String token, String path, Predicate<JsonNode> done) {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			JsonNode json = get(token, path);
			if (done.test(json)) {
				return json;
			}
			try {
				Thread.sleep(300);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("timed out waiting on " + path);
	}

}
