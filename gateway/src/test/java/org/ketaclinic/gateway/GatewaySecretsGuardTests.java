package org.ketaclinic.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class GatewaySecretsGuardTests {

	@Test
	void aMissingOrShippedClientSecretStopsTheGatewayOutsideTheLocalProfile() {
		assertThatIllegalStateException().isThrownBy(() -> GatewaySecretsGuard.check(new MockEnvironment()))
			.withMessageContaining("KETACLINIC_GATEWAY_OIDC_CLIENTSECRET) is not set");
		for (String shipped : new String[] { "gateway-secret", "change-me-gateway-secret", " " }) {
			assertThatIllegalStateException()
				.isThrownBy(() -> GatewaySecretsGuard
					.check(new MockEnvironment().withProperty(GatewaySecretsGuard.CLIENT_SECRET, shipped)))
				.as(shipped)
				.withMessageContaining("KETACLINIC_GATEWAY_OIDC_CLIENTSECRET");
		}
	}

	@Test
	void aRealSecretOrTheLocalProfilePasses() {
		assertThatNoException().isThrownBy(() -> GatewaySecretsGuard
			.check(new MockEnvironment().withProperty(GatewaySecretsGuard.CLIENT_SECRET, "kc-7f3a91c2b6e04d")));
		assertThatNoException().isThrownBy(() -> GatewaySecretsGuard
			.check(new MockEnvironment().withProperty(GatewaySecretsGuard.CLIENT_SECRET, "gateway-secret")
				.withProperty("ketaclinic.secrets.local-defaults-allowed", "true")));
	}

}
