package org.ketaclinic.followup;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, for check-in link tokens and the SMS provider's webhook signatures. */
public final class Signatures {

	private Signatures() {
	}

	/** The HMAC-SHA256 of the data under the key. */
	public static byte[] hmacSha256(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
