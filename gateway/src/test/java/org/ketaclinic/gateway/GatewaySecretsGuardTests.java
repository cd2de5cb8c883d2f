package org.ketaclinic.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class GatewaySecretsGuardTests {

	@Test
	void aMissingOrShippedClientSecretStopsTheGatewayOutsideTheLocalProfile() {
		assertThatIllegalStateException().isThrownBy(() -> GatewaySecretsGuard.check(new MockEnvironment()))
			.withMessageContaining("KETACLINIC_GATEWAY_OIDC_CLIENTSECRET) is not set");
		for (String shipped : new String[] { "gateway-secret", "change-me-gateway-secret", " ", "Secret",
				"local-gateway" }) {
			assertThatIllegalStateException().isThrownBy(() -> GatewaySecretsGuard.check(client(shipped)))
				.as(shipped)
				.withMessageContaining("KETACLINIC_GATEWAY_OIDC_CLIENTSECRET");
		}
	}

	@Test
	void everyValueOfTheSharedShippedListStopsTheGateway() {
		assertThat(GatewaySecretsGuard.shippedPatterns()).contains("gateway-secret", "admin-cli-secret", "local-*");
		for (String pattern : GatewaySecretsGuard.shippedPatterns()) {
			String example = pattern.startsWith("*") ? "x" + pattern.replace("*", "") + "x" : pattern.replace("*", "x");
			assertThatIllegalStateException().as(pattern)
				.isThrownBy(() -> GatewaySecretsGuard.check(client(example.toUpperCase())))
				.withMessageContaining("still a value shipped for the local stack");
		}
	}

	@Test
	void theGatewayReadsTheSameListAsTheServices() throws IOException {
		Path platformList = Path.of("..", "services", "platform", "src", "main", "resources",
				GatewaySecretsGuard.SHIPPED_LIST);
		try (InputStream copied = getClass().getClassLoader().getResourceAsStream(GatewaySecretsGuard.SHIPPED_LIST)) {
			assertThat(copied).as("copied by the build").isNotNull();
			assertThat(new String(copied.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo(Files.readString(platformList));
		}
	}

	@Test
	void aRealSecretOrTheLocalProfilePasses() {
		assertThatNoException().isThrownBy(() -> GatewaySecretsGuard.check(client("kc-7f3a91c2b6e04d")));
		assertThatNoException().isThrownBy(() -> GatewaySecretsGuard
			.check(client("gateway-secret").withProperty("ketaclinic.secrets.local-defaults-allowed", "true")));
	}

	private static MockEnvironment client(String secret) {
		return new MockEnvironment().withProperty(GatewaySecretsGuard.CLIENT_SECRET, secret);
	}

}
