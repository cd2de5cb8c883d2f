package org.ketaclinic.followup.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

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
 * The SMS provider's inbound webhook: a patient's reply, signed with HMAC-SHA256 over the
 * raw body under the shared secret ({@code X-Sms-Signature: sha256=<hex>}). An unsigned
 * or wrongly signed call is refused with 401 and read no further.
 */
@RestController
class SmsWebhookController {

	private final ReadingReplies replies;

	private final AuditLog audit;

	private final byte[] secret;

	SmsWebhookController(ReadingReplies replies, AuditLog audit, FollowupProperties properties) {
		this.replies = replies;
		this.audit = audit;
		this.secret = properties.sms().webhookSecret().getBytes(StandardCharsets.UTF_8);
	}

	@PostMapping(path = "/api/followup/sms/inbound", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("permitAll()")
	ResponseEntity<?> inbound(@RequestBody byte[] body,
			@RequestHeader(name = "X-Sms-Signature", required = false) String signature,
			@RequestHeader(name = "X-Sms-Message-Id", required = false) String messageId) {
		if (signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
				("sha256=" + sign(body)).getBytes(StandardCharsets.UTF_8))) {
			this.audit.recordRefusal(AuditEntry.UNAUTHENTICATED, "POST", "/api/followup/sms/inbound");
			ProblemDetail problem = Problems.problem(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED,
					"The webhook signature is missing or wrong");
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
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
		this.replies.read(from, text, (messageId != null) ? messageId : UUID.randomUUID().toString());
		return ResponseEntity.noContent().build();
	}

	private String sign(byte[] payload) {
		return HexFormat.of().formatHex(Signatures.hmacSha256(this.secret, payload));
	}

}
