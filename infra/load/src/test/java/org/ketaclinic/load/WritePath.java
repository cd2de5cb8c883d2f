package org.ketaclinic.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

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

	HttpProtocolBuilder protocol = Platform.jsonThroughGateway();

	ScenarioBuilder submit = scenario("intake submission").exec(Platform.submitIntake(() -> token, counter));

	{
		setUp(submit.injectOpen(constantUsersPerSec(Platform.RATE).during(Duration.ofSeconds(Platform.SECONDS))))
			.protocols(this.protocol);
	}

}
