package org.ketaclinic.load;

import java.time.Duration;

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

	private static volatile String token;

	private static volatile String submissionId;

	@Override
	public void before() {
		token = Platform.token("frontdesk-cli");
		submissionId = Json.post(token, "/api/intake/submissions", Platform.intake(0)).get("submissionId").asString();
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
