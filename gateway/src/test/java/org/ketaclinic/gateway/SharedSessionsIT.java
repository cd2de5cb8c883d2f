package org.ketaclinic.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions live in Redis (ADR 0011): a user signed in at one gateway instance is signed
 * in at another one on the same Redis, and still after the first one restarted; the
 * tokens travel with the session.
 */
class SharedSessionsIT {

	private static final TestIdentityProvider provider = new TestIdentityProvider();

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Test
	void aSessionStartedAtOneInstanceIsHonouredByAnotherAndSurvivesARestart() {
		TestIdentityProvider.Browser browser = new TestIdentityProvider.Browser();
		ConfigurableApplicationContext first = gateway();
		ConfigurableApplicationContext second = gateway();
		try {
			String session = browser.signIn(address(first), null);
			assertThat(provider.tokensIssued.get()).isEqualTo(1);

			HttpResponse<String> atSecond = browser.send(address(second) + "/me", session, null);
			assertThat(atSecond.statusCode()).as("the second instance knows the session").isEqualTo(200);
			assertThat(atSecond.body()).contains(TestIdentityProvider.USER).contains("FRONT_DESK");
			assertThat(browser.send(address(second) + "/me", "not-a-session", null).statusCode())
				.as("a made-up session is no session")
				.isEqualTo(401);

			first.close();
			first = gateway();
			HttpResponse<String> afterRestart = browser.send(address(first) + "/me", session, null);
			assertThat(afterRestart.statusCode()).as("a restart signs nobody out").isEqualTo(200);
			assertThat(afterRestart.body()).contains(TestIdentityProvider.USER);
			assertThat(provider.tokensIssued.get()).as("no new sign-in was needed").isEqualTo(1);
		}
		finally {
			first.close();
			second.close();
		}
	}

	private static ConfigurableApplicationContext gateway() {
		// command-line arguments: they outrank application.yml's port
		return new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--spring.data.redis.port=" + TestRedis.port(),
				"--ketaclinic.gateway.oidc.issuer-uri=" + provider.issuer(), "--spring.jmx.enabled=false");
	}

	private static String address(ConfigurableApplicationContext context) {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
