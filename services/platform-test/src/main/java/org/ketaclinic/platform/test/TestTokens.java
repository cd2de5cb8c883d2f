package org.ketaclinic.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs bearer tokens for tests with a key pair made once per test JVM; services under
 * test trust its public key (see {@link WithInfrastructure}).
 */
public final class TestTokens {

	/** Issuer claim of test tokens. */
	public static final String ISSUER = "https://tests.ketaclinic.invalid";

	private static final KeyPair KEYS = generate();

	private static volatile Path publicKeyFile;

	private TestTokens() {
	}

	/**
	 * A token for a user with these roles, e.g.
	 * {@code TestTokens.forRoles("frontdesk", "FRONT_DESK")}.
	 */
	public static String forRoles(String subject, String... roles) {
		return token(subject, List.of(roles), Duration.ofMinutes(30));
	}

	/** {@code Bearer <token>} for an {@code Authorization} header. */
	public static String bearer(String subject, String... roles) {
		return "Bearer " + forRoles(subject, roles);
	}

	/**
	 * {@code Bearer <token>} for a user whose token also carries a display name
	 * ({@code preferred_username}), as Keycloak's do.
	 */
	public static String bearerNamed(String subject, String displayName, String... roles) {
		return "Bearer " + token(ISSUER, List.of(AUDIENCE), "gateway", subject, List.of(roles), Duration.ofMinutes(30),
				displayName);
	}

	/**
	 * {@code Bearer <token>} for a user of these clinics (ADR 12); an empty list is a
	 * user whom no clinic has been assigned. The other tokens here work for
	 * {@link #CLINIC}.
	 */
	public static String bearerForClinics(List<String> clinics, String subject, String... roles) {
		return "Bearer " + token(ISSUER, List.of(AUDIENCE), "gateway", subject, List.of(roles), Duration.ofMinutes(30),
				null, clinics);
	}

	/** An expired token, for tests of rejection. */
	public static String expired(String subject, String... roles) {
		return token(subject, List.of(roles), Duration.ofMinutes(-5));
	}

	/**
	 * A token the same provider issued to another of its clients, {@code other-cli}, for
	 * another audience: validly signed, but not meant for KetaClinic, so refused with 401
	 * even when it carries roles.
	 */
	public static String bearerForAnotherClient(String subject, String... roles) {
		return "Bearer "
				+ token(ISSUER, List.of("other-cli"), "other-cli", subject, List.of(roles), Duration.ofMinutes(30));
	}

	/**
	 * A token naming KetaClinic's audience but issued to a client KetaClinic does not
	 * serve.
	 */
	public static String bearerForUnknownClient(String subject, String... roles) {
		return "Bearer "
				+ token(ISSUER, List.of(AUDIENCE), "reporting-tool", subject, List.of(roles), Duration.ofMinutes(30));
	}

	/** A token of another issuer, signed with the same key. */
	public static String bearerOfAnotherIssuer(String subject, String... roles) {
		return "Bearer " + token("https://elsewhere.invalid", List.of(AUDIENCE), "gateway", subject, List.of(roles),
				Duration.ofMinutes(30));
	}

	/** The audience every KetaClinic token names. */
	public static final String AUDIENCE = "ketaclinic";

	/**
	 * The clinic test tokens work for unless a test says otherwise: the services' default
	 * clinic ({@code ketaclinic.security.default-clinic}).
	 */
	public static final String CLINIC = "main";

	/** Another clinic of the same group, for tests of clinic scoping. */
	public static final String OTHER_CLINIC = "lakeside";

	private static String token(String subject, List<String> roles, Duration validFor) {
		return token(ISSUER, List.of(AUDIENCE), "gateway", subject, roles, validFor);
	}

	private static String token(String issuer, List<String> audience, String client, String subject, List<String> roles,
			Duration validFor) {
		return token(issuer, audience, client, subject, roles, validFor, null);
	}

	private static String token(String issuer, List<String> audience, String client, String subject, List<String> roles,
			Duration validFor, String displayName) {
		return token(issuer, audience, client, subject, roles, validFor, displayName, List.of(CLINIC));
	}

	private static String token(String issuer, List<String> audience, String client, String subject, List<String> roles,
			Duration validFor, String displayName, List<String> clinics) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer)
			.subject(subject)
			.audience(audience)
			.claim("azp", client)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now.minusSeconds(60)))
			.notBeforeTime(Date.from(now.minusSeconds(60)))
			.expirationTime(Date.from(now.plus(validFor)))
			.claim("roles", roles)
			.claim("clinics", clinics);
		if (displayName != null) {
			builder.claim("preferred_username", displayName);
		}
		JWTClaimsSet claims = builder.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/**
	 * A PEM file of the public key, for
	 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}.
	 */
	public static Path publicKeyPem() {
		Path file = publicKeyFile;
		if (file == null) {
			synchronized (TestTokens.class) {
				file = publicKeyFile;
				if (file == null) {
					try {
						file = Files.createTempFile("ketaclinic-test-key", ".pem");
						file.toFile().deleteOnExit();
						String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
							.encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
						Files.writeString(file, pem);
						publicKeyFile = file;
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
		}
		return file;
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
