package org.ketaclinic.platform.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ketaclinic.platform.ProofApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class SecretsGuardTests {

	@Test
	void aMissingSecretStopsTheServiceNamingItAndItsEnvironmentVariable() {
		MockEnvironment environment = requiring("spring.datasource.password", "ketaclinic.followup.sms.webhook-secret")
			.withProperty("spring.datasource.password", "s3cr3t-from-the-vault");
		assertThatThrownBy(() -> SecretsGuard.check(environment)).isInstanceOf(UnsafeSecretsException.class)
			.hasMessageContaining(
					"ketaclinic.followup.sms.webhook-secret (KETACLINIC_FOLLOWUP_SMS_WEBHOOKSECRET) is not set")
			.hasMessageNotContaining("spring.datasource.password")
			.hasMessageNotContaining("s3cr3t");
	}

	@Test
	void aValueShippedForTheLocalStackIsRefusedAsIfMissingWithoutPrintingIt() {
		for (String shipped : new String[] { "ketaclinic", "local-sms-webhook-secret", "gateway-secret",
				"change-me-please", " ", "KetaClinic" }) {
			MockEnvironment environment = requiring("spring.datasource.password")
				.withProperty("spring.datasource.password", shipped);
			assertThatThrownBy(() -> SecretsGuard.check(environment)).as(shipped)
				.isInstanceOf(UnsafeSecretsException.class)
				.hasMessageContaining("SPRING_DATASOURCE_PASSWORD");
		}
	}

	@Test
	void everyValueOfTheSharedShippedListIsRefused() {
		assertThat(SecretsGuard.shippedPatterns()).contains("ketaclinic", "gateway-secret", "local-*", "*change-me*");
		for (String pattern : SecretsGuard.shippedPatterns()) {
			String example = pattern.startsWith("*") ? "x" + pattern.replace("*", "") + "x" : pattern.replace("*", "x");
			MockEnvironment environment = requiring("spring.datasource.password")
				.withProperty("spring.datasource.password", " " + example.toUpperCase() + " ");
			assertThatThrownBy(() -> SecretsGuard.check(environment)).as(pattern)
				.isInstanceOf(UnsafeSecretsException.class)
				.hasMessageContaining("still a value shipped for the local stack");
		}
		assertThat(SecretsGuard.isShipped("secret-from-the-vault-91c2")).as("only whole values, not parts").isFalse();
	}

	@Test
	void realSecretsPassAndTheLocalProfileAcceptsTheShippedOnes() {
		assertThatNoException().isThrownBy(() -> SecretsGuard.check(
				requiring("spring.datasource.password").withProperty("spring.datasource.password", "pg-7c1f0b7e9a2d")));
		assertThatNoException().isThrownBy(() -> SecretsGuard.check(requiring("spring.datasource.password")
			.withProperty("ketaclinic.secrets.local-defaults-allowed", "true")));
	}

	@Test
	void aServiceStartedWithoutItsDatabasePasswordStopsBeforeConnectingAndSaysWhatToDo(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ProofApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatThrownBy(() -> application.run("--spring.datasource.url=jdbc:postgresql://localhost:1/none",
				"--spring.datasource.password=ketaclinic", "--spring.kafka.bootstrap-servers=localhost:1"))
			.isInstanceOf(UnsafeSecretsException.class);
		assertThat(output).contains("The service will not run with these secrets")
			.contains(
					"spring.datasource.password (SPRING_DATASOURCE_PASSWORD) is still a value shipped for the local stack")
			.contains("SPRING_PROFILES_ACTIVE=local")
			.doesNotContain("Connection refused");
	}

	private static MockEnvironment requiring(String... secrets) {
		MockEnvironment environment = new MockEnvironment();
		for (int i = 0; i < secrets.length; i++) {
			environment.setProperty("ketaclinic.secrets.required[" + i + "]", secrets[i]);
		}
		return environment;
	}

}
