package org.ketaclinic.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What the simulations need outside the measured traffic: where the stack is, tokens from
 * the dev identity provider, the parameters of the run, and request bodies.
 */
final class Platform {

	static final String GATEWAY = System.getProperty("load.gateway", "http://localhost:8080");

	static final String IDP = System.getProperty("load.idp", "http://localhost:9000");

	/** The arrival rate, in new requests per second. */
	static final double RATE = Double.parseDouble(System.getProperty("load.rate", "20"));

	/** How long the steady arrival rate lasts. */
	static final int SECONDS = Integer.parseInt(System.getProperty("load.seconds", "30"));

	/**
	 * The base URL the read benchmark calls: the gateway, or nginx in front of intake.
	 */
	static final String TARGET = System.getProperty("load.target", GATEWAY);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private Platform() {
	}

	/** A bearer token of a script client (client credentials). */
	static String token(String client) {
		String basic = Base64.getEncoder()
			.encodeToString((client + ":" + client + "-secret").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(IDP + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=api"))
			.build());
		Matcher token = ACCESS_TOKEN.matcher(response.body());
		if (!token.find()) {
			throw new IllegalStateException("no token for " + client + ": " + response.statusCode());
		}
		return token.group(1);
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** JSON in and out through the gateway, connections shared between virtual users. */
	static HttpProtocolBuilder jsonThroughGateway() {
		return http.baseUrl(GATEWAY)
			.contentTypeHeader("application/json")
			.acceptHeader("application/json")
			.shareConnections();
	}

	/**
	 * One authenticated intake submission of a new made-up patient, with its own
	 * idempotency key, expected to be accepted.
	 */
	static HttpRequestActionBuilder submitIntake(Supplier<String> token, AtomicLong counter) {
		return http("POST /api/intake/submissions").post("/api/intake/submissions")
			.header("Authorization", (session) -> "Bearer " + token.get())
			.header("Idempotency-Key", (session) -> UUID.randomUUID().toString())
			.body(StringBody((session) -> intake(counter.incrementAndGet())))
			.check(status().is(201));
	}

	/** A complete referral of a made-up patient, distinct by its number. */
	static String intake(long n) {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		return """
				{"patient": {"givenName": "Load", "familyName": "Bench%s", "dateOfBirth": "%s"},
				 "contact": {"email": "load.%s@example.org", "preferredChannel": "EMAIL", "timeZone": "Europe/London"},
				 "consents": {"treatment": true, "sms": false, "email": true, "textVersion": "2026-01"},
				 "clinical": {"ageYears": 42, "pregnancyStatus": "NOT_PREGNANT", "breastfeeding": false,
				   "primaryDiagnosis": "MDD", "failedAdequateTrialsCurrentEpisode": 3, "systolicBp": 124,
				   "diastolicBp": 78, "heartRate": 72, "aneurysmalVascularDisease": false,
				   "arteriovenousMalformation": false, "intracerebralHemorrhageHistory": false,
				   "ketamineHypersensitivity": false, "cardiovascularStatus": "NONE",
				   "hypertensiveEncephalopathyHistory": false, "raisedIntracranialPressureRisk": false,
				   "glaucomaOrRaisedIntraocularPressure": false, "hepaticImpairment": "NONE",
				   "significantRespiratoryDiseaseOrOSA": false, "urinaryTractOrCystitisHistory": false,
				   "currentPsychoticSymptoms": false, "primaryPsychoticDisorder": false, "pastPsychoticSymptoms": false,
				   "currentManiaOrHypomania": false, "substanceUseDisorderStatus": "NONE", "ketaminePcpUse": "NONE",
				   "cognitiveStatus": "NORMAL", "capacityToConsent": true, "phq9Total": 18, "phq9Item9": 0,
				   "cssrs": {"q1WishDead": false, "q2ActiveThoughts": false, "q6BehaviorLifetime": false},
				   "medicationClasses": ["SSRI"], "benzodiazepineDiazepamEqMgPerDay": 0}}
				""".formatted(suffix + n, LocalDate.now().minusYears(42).minusDays(n % 300), suffix + n);
	}

}
