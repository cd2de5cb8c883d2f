package org.ketaclinic.followup.delivery;

import java.net.http.HttpClient;

import java.util.Map;

import org.ketaclinic.followup.FollowupProperties;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * SMS through the provider's HTTP API ({@code POST {base-url}/api/messages}), with the
 * delivery's idempotency key so a resend after a crash is not a second text.
 */
@Component
class SmsChannel implements Channel {

	private final RestClient http;

	private final String from;

	SmsChannel(FollowupProperties properties) {
		// the JDK client keeps connections open and sends without Nagle's delay (the
		// older HttpURLConnection waited on the provider's delayed ACK: tens of ms a
		// text)
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.sms().timeout()).build());
		requests.setReadTimeout(properties.sms().timeout());
		this.http = RestClient.builder()
			.baseUrl(properties.sms().baseUrl())
			.requestFactory(requests)
			.defaultHeader("Authorization", "Bearer " + properties.sms().apiKey())
			.build();
		this.from = properties.sender().smsFrom();
	}

	@Override
	public String name() {
		return "SMS";
	}

	@Override
	public Result send(String to, Composer.Text text, String idempotencyKey) {
		try {
			Map<?, ?> accepted = this.http.post()
				.uri("/api/messages")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", idempotencyKey)
				.body(Map.of("to", to, "from", this.from, "body", text.sms()))
				.retrieve()
				.body(Map.class);
			String id = (accepted != null) ? String.valueOf(accepted.get("id")) : null;
			return (accepted != null && "DELIVERED".equals(accepted.get("status"))) ? Result.delivered(id)
					: Result.sent(id);
		}
		catch (RestClientResponseException ex) {
			HttpStatusCode status = ex.getStatusCode();
			if (status.is4xxClientError() && status.value() != 408 && status.value() != 429) {
				return Result.rejected("SMS provider answered " + status.value());
			}
			return Result.tryAgain("SMS provider answered " + status.value());
		}
		catch (ResourceAccessException ex) {
			return Result.tryAgain("SMS provider unreachable");
		}
	}

}
