package org.ketaclinic.followup.checkin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.ketaclinic.followup.FollowupProperties;

import org.springframework.stereotype.Component;

/**
 * Check-in links: {@code {gateway}/checkin/{token}}. A token is an HMAC of the check-in's
 * random nonce under a secret the database never sees; the database keeps only the
 * token's SHA-256. So a leaked database opens no questionnaire, and a resend after a
 * crash carries the very same link.
 */
@Component
public class CheckInLinks {

	private final byte[] secret;

	private final String baseUrl;

	CheckInLinks(FollowupProperties properties) {
		this.secret = properties.checkIns().linkSecret().getBytes(StandardCharsets.UTF_8);
		this.baseUrl = properties.checkIns().linkBaseUrl();
	}

	/** The token of a check-in's nonce. */
	public String token(UUID nonce) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(nonce.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The link a patient opens. */
	public String link(UUID nonce) {
		return this.baseUrl + "/checkin/" + token(nonce);
	}

	/** What the database keeps of a token. */
	public static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
