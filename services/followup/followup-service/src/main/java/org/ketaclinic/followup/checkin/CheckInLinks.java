package org.ketaclinic.followup.checkin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.ketaclinic.followup.FollowupProperties;
import org.ketaclinic.followup.Signatures;

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
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(Signatures.hmacSha256(this.secret, nonce.toString().getBytes(StandardCharsets.UTF_8)));
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
