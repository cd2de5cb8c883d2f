package org.ketaclinic.followup.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;

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
 *
 * <p>
 * Outcomes ({@link Channel.Outcome}):
 * <ul>
 * <li>{@code SENT} or {@code DELIVERED}: the provider accepted the text (and said whether
 * it reached the handset);</li>
 * <li>{@code UNAVAILABLE}: the provider could not be reached (connection refused, timed
 * out, reset: {@link ResourceAccessException}; an answer that timed out or a reset may
 * have left the text with the provider, {@link Result#maybeTaken()}, as may a 502 or 504
 * from a gateway in front of it), or said it cannot take texts now: 429 (too many
 * requests: it throttles the account as a whole, not this text), 502, 503 or 504 (it, or
 * the gateway in front of it, is down or overloaded): an outage, not the text's
 * fault;</li>
 * <li>{@code REJECTED}: any other 4xx but 408: this text cannot go (a number that is not
 * one, or unreachable; a body it refuses);</li>
 * <li>{@code TRY_AGAIN}: 408 and any other 5xx (500: a failure it had with this
 * text).</li>
 * </ul>
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
			return classify(ex.getStatusCode());
		}
		catch (ResourceAccessException ex) {
			return unreachable(ex);
		}
	}

	/**
	 * The provider could not be reached: certainly nothing sent when no connection was
	 * made (refused, no route, the connect timed out); otherwise (the answer timed out,
	 * the connection was reset) the provider may have taken the text.
	 */
	static Result unreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof NoRouteToHostException || cause instanceof UnknownHostException) {
				return Result.unavailable("SMS provider unavailable: unreachable");
			}
		}
		return Result.unavailableMaybeTaken("SMS provider unavailable: no answer");
	}

	/** What the provider's refusal means; see the class comment. */
	static Result classify(HttpStatusCode status) {
		int code = status.value();
		if (code == 429 || code == 503) {
			return Result.unavailable("SMS provider unavailable: answered " + code);
		}
		if (code == 502 || code == 504) {
			// a gateway in front of the provider passed the text on and got no (good)
			// answer: the provider may have it
			return Result.unavailableMaybeTaken("SMS provider unavailable: answered " + code);
		}
		if (status.is4xxClientError() && code != 408) {
			return Result.rejected("SMS provider answered " + code);
		}
		return Result.tryAgain("SMS provider answered " + code);
	}

}
