package org.ketaclinic.followup.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.Signatures;
import org.ketaclinic.followup.inbound.ReadingReplies;
import org.ketaclinic.platform.audit.AuditEntry;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.web.InvalidRequestException;
import org.ketaclinic.platform.web.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMS provider's inbound webhook: a patient's reply. The provider signs each call
 * with HMAC-SHA256 under the shared secret over {@code <timestamp>.<message id>.<body>}
 * ({@code X-Sms-Timestamp} in epoch seconds, {@code X-Sms-Message-Id},
 * {@code X-Sms-Signature: sha256=<hex>}). An unsigned or wrongly signed call, or one
 * whose timestamp is outside the tolerance (a replay of a captured call), is refused with
 * 401 and read no further; a call repeating a message id already read changes nothing.
 */
@RestController
class SmsWebhookController {

	private static final String MESSAGE_ID = "[A-Za-z0-9_-]{1,64}";

	private final ReadingReplies replies;

	private final AuditLog audit;

	private final byte[] secret;

	private final Duration tolerance;

	SmsWebhookController(ReadingReplies replies, AuditLog audit, FollowupProperties properties) {
		this.replies = replies;
		this.audit = audit;
		this.secret = properties.sms().webhookSecret().getBytes(StandardCharsets.UTF_8);
		this.tolerance = properties.sms().webhookTolerance();
	}

	@PostMapping(path = "/api/followup/sms/inbound", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("permitAll()")
	ResponseEntity<?> inbound(@RequestBody byte[] body,
			@RequestHeader(name = "X-Sms-Signature", required = false) String signature,
			@RequestHeader(name = "X-Sms-Timestamp", required = false) String timestamp,
			@RequestHeader(name = "X-Sms-Message-Id", required = false) String messageId) {
		// the wall clock, not the clinic's business clock: freshness is between two
		// machines
		Instant now = Instant.now();
		if (signature == null || timestamp == null || messageId == null || !timestamp.matches("[0-9]{1,12}")
				|| !messageId.matches(MESSAGE_ID)) {
			return refused("The webhook call must carry X-Sms-Timestamp, X-Sms-Message-Id and X-Sms-Signature");
		}
		if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
				("sha256=" + sign(timestamp, messageId, body)).getBytes(StandardCharsets.UTF_8))) {
			return refused("The webhook signature is missing or wrong");
		}
		Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
		if (Duration.between(signedAt, now).abs().compareTo(this.tolerance) > 0) {
			return refused("The webhook call is too old or from the future: a replay is refused");
		}
		JsonNode reply;
		try {
			reply = EventJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRequestException("body", "must be JSON with from and body");
		}
		String from = reply.path("from").asString(null);
		String text = reply.path("body").asString(null);
		if (from == null || !from.matches("\\+[1-9][0-9]{6,14}")) {
			throw new InvalidRequestException("from", "must be a phone number in E.164 form");
		}
		if (text == null) {
			throw new InvalidRequestException("body", "is required");
		}
		this.replies.readOnce(from, text, messageId, now);
		return ResponseEntity.noContent().build();
	}

	private ResponseEntity<ProblemDetail> refused(String detail) {
		this.audit.recordRefusal(AuditEntry.UNAUTHENTICATED, "POST", "/api/followup/sms/inbound");
		ProblemDetail problem = Problems.problem(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED, detail);
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private String sign(String timestamp, String messageId, byte[] body) {
		byte[] prefix = (timestamp + "." + messageId + ".").getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[prefix.length + body.length];
		System.arraycopy(prefix, 0, content, 0, prefix.length);
		System.arraycopy(body, 0, content, prefix.length, body.length);
		return HexFormat.of().formatHex(Signatures.hmacSha256(this.secret, content));
	}

}
