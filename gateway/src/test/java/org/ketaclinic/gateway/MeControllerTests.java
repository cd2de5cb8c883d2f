package org.ketaclinic.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeControllerTests {

	private static final List<String> DEFAULT_CLAIMS = new OidcRegistrations.Settings(null, null, null, null, null)
		.rolesClaims();

	@Test
	void showsTheRolesOfAKeycloakTokenFromItsRealmAndClientRoles() {
		String keycloak = token("""
				{"sub": "7f1c", "azp": "gateway", "aud": ["ketaclinic", "account"],
				 "realm_access": {"roles": ["CLINICIAN", "offline_access"]},
				 "resource_access": {"ketaclinic": {"roles": ["ADMIN", "CLINICIAN"]},
				                     "account": {"roles": ["manage-account"]}}}""");
		assertThat(MeController.roles(keycloak, DEFAULT_CLAIMS)).containsExactly("CLINICIAN", "offline_access",
				"ADMIN");
	}

	@Test
	void showsTheRolesOfTheDevProvidersTopLevelClaimAndNothingForATokenWithout() {
		assertThat(MeController.roles(token("{\"roles\": [\"FRONT_DESK\"]}"), DEFAULT_CLAIMS))
			.containsExactly("FRONT_DESK");
		assertThat(MeController.roles(token("{\"sub\": \"x\"}"), DEFAULT_CLAIMS)).isEmpty();
		assertThat(MeController.roles("not-a-jwt", DEFAULT_CLAIMS)).isEmpty();
	}

	@Test
	void showsTheClinicsTheUserWorksFor() {
		assertThat(MeController.roles(token("{\"clinics\": [\"main\", \"lakeside\"], \"roles\": [\"ADMIN\"]}"),
				List.of(MeController.CLINICS_CLAIM)))
			.containsExactly("main", "lakeside");
	}

	private static String token(String claims) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
	}

}
