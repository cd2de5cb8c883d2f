package org.ketaclinic.load;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Authenticated intake submissions through the gateway at a constant arrival rate (an
 * open model: new submissions arrive whether or not earlier ones were answered).
 */
public class WritePath extends Simulation {

	private static final AtomicLong counter = new AtomicLong();

	private static volatile String token;

	@Override
	public void before() {
		token = Platform.token("frontdesk-cli");
	}

	HttpProtocolBuilder protocol = http.baseUrl(Platform.GATEWAY)
		.contentTypeHeader("application/json")
		.acceptHeader("application/json")
		.shareConnections();

	ScenarioBuilder submit = scenario("intake submission")
		.exec(http("POST /api/intake/submissions").post("/api/intake/submissions")
			.header("Authorization", (session) -> "Bearer " + token)
			.header("Idempotency-Key", (session) -> UUID.randomUUID().toString())
			.body(StringBody((session) -> Platform.intake(counter.incrementAndGet())))
			.check(status().is(201)));

	{
		setUp(submit.injectOpen(constantUsersPerSec(Platform.RATE).during(Duration.ofSeconds(Platform.SECONDS))))
			.protocols(this.protocol);
	}

}
