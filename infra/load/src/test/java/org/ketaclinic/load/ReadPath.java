package org.ketaclinic.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * One read endpoint (a submission by id, from intake) at a constant arrival rate, through
 * whichever proxy {@code load.target} names: the gateway, or nginx in front of the same
 * intake instance.
 */
public class ReadPath extends Simulation {

	private static final Pattern SUBMISSION_ID = Pattern.compile("\"submissionId\"\\s*:\\s*\"([^\"]+)\"");

	private static volatile String token;

	private static volatile String submissionId;

	@Override
	public void before() {
		token = Platform.token("frontdesk-cli");
		HttpResponse<String> created = Platform
			.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/api/intake/submissions"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString(Platform.intake(0)))
				.build());
		Matcher id = SUBMISSION_ID.matcher(created.body());
		if (!id.find()) {
			throw new IllegalStateException("no submission to read: " + created.statusCode());
		}
		submissionId = id.group(1);
	}

	HttpProtocolBuilder protocol = http.baseUrl(Platform.TARGET).acceptHeader("application/json").shareConnections();

	ScenarioBuilder read = scenario("submission read")
		.exec(http("GET /api/intake/submissions/{id}").get((session) -> "/api/intake/submissions/" + submissionId)
			.header("Authorization", (session) -> "Bearer " + token)
			.check(status().is(200)));

	{
		setUp(read.injectOpen(constantUsersPerSec(Platform.RATE).during(Duration.ofSeconds(Platform.SECONDS))))
			.protocols(this.protocol);
	}

}
