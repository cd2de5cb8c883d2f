package org.ketaclinic.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class RolesClaimConverterTests {

	@Test
	void readsTheRolesClaimIntoRoleAuthorities() {
		Jwt jwt = jwt(Map.of("roles", List.of("FRONT_DESK", "CLINICIAN")));
		assertThat(names(new RolesClaimConverter("roles").convert(jwt))).containsExactly("ROLE_FRONT_DESK",
				"ROLE_CLINICIAN");
	}

	@Test
	void reachesIntoNestedClaimsLikeKeycloaksRealmAccess() {
		Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("ADMIN"))));
		assertThat(names(new RolesClaimConverter("realm_access.roles").convert(jwt))).containsExactly("ROLE_ADMIN");
	}

	@Test
	void grantsNothingWhenTheClaimIsMissingOrOfTheWrongShape() {
		assertThat(new RolesClaimConverter("roles").convert(jwt(Map.of("scope", "read")))).isEmpty();
		assertThat(new RolesClaimConverter("realm_access.roles").convert(jwt(Map.of("realm_access", "ADMIN"))))
			.isEmpty();
	}

	@Test
	void theDefaultClaimsReadKeycloaksRealmAndClientRolesAndTheDevProvidersTogether() {
		RolesClaimConverter defaults = new RolesClaimConverter(
				new SecurityProperties(null, null, null, null, null, null, null, null).rolesClaim());
		Jwt keycloak = jwt(Map.of("realm_access", Map.of("roles", List.of("CLINICIAN", "offline_access")),
				"resource_access", Map.of("ketaclinic", Map.of("roles", List.of("ADMIN")), "account",
						Map.of("roles", List.of("manage-account")))));
		assertThat(names(defaults.convert(keycloak))).containsExactly("ROLE_CLINICIAN", "ROLE_offline_access",
				"ROLE_ADMIN");
		assertThat(names(defaults.convert(jwt(Map.of("roles", List.of("FRONT_DESK"))))))
			.containsExactly("ROLE_FRONT_DESK");
		assertThat(
				defaults.convert(jwt(Map.of("resource_access", Map.of("account", Map.of("roles", List.of("ADMIN")))))))
			.as("another client's roles grant nothing here")
			.isEmpty();
	}

	private static List<String> names(java.util.Collection<GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("someone")
			.issuedAt(Instant.now())
			.claims((c) -> c.putAll(claims))
			.build();
	}

}
