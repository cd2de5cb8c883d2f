package org.ketaclinic.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.web.InvalidRequestException;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClinicScopeTests {

	private final ClinicScope scope = new ClinicScope("clinics", "main");

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void theClinicsComeFromTheTokensClaimAsAListOrAsOneString() {
		signIn(Map.of("clinics", List.of("riverside", "lakeside", "riverside")));
		assertThat(this.scope.clinics()).containsExactly("riverside", "lakeside");
		assertThat(this.scope.sqlArray()).containsExactly("riverside", "lakeside");
		assertThat(this.scope.includes("lakeside")).isTrue();
		assertThat(this.scope.includes("hillside")).isFalse();

		signIn(Map.of("clinics", "riverside lakeside"));
		assertThat(this.scope.clinics()).containsExactly("riverside", "lakeside");
	}

	@Test
	void aTokenWithoutTheClaimOrNoTokenAtAllHasNoClinicAndNoWildcard() {
		signIn(Map.of("roles", List.of("ADMIN")));
		assertThat(this.scope.clinics()).isEmpty();
		assertThat(this.scope.sqlArray()).isEmpty();
		assertThat(this.scope.includes("main")).isFalse();

		signIn(Map.of("clinics", List.of("*")));
		assertThat(this.scope.includes("riverside")).as("a star is a clinic id like any other, not all clinics")
			.isFalse();

		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("user", "pw", "ADMIN"));
		assertThat(this.scope.clinics()).isEmpty();
	}

	@Test
	void anEventNamingNoClinicBelongsToTheDefaultClinic() {
		assertThat(this.scope.orDefault(null)).isEqualTo("main");
		assertThat(this.scope.orDefault("lakeside")).isEqualTo("lakeside");
	}

	@Test
	void aNewRecordGoesToTheNamedClinicOfTheCallerOrTheCallersOnlyOne() {
		signIn(Map.of("clinics", List.of("riverside")));
		assertThat(this.scope.forNewRecord(null, "clinicId")).isEqualTo("riverside");
		assertThat(this.scope.forNewRecord("riverside", "clinicId")).isEqualTo("riverside");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.scope.forNewRecord("lakeside", "clinicId"))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement()
				.satisfies((error) -> assertThat(error.field()).isEqualTo("clinicId")));

		signIn(Map.of("clinics", List.of("riverside", "lakeside")));
		assertThat(this.scope.forNewRecord("lakeside", "clinicId")).isEqualTo("lakeside");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.scope.forNewRecord(null, "clinicId"))
			.withMessageContaining("clinicId");

		signIn(Map.of("roles", List.of("FRONT_DESK")));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.scope.forNewRecord(null, "clinicId"));
	}

	private static void signIn(Map<String, Object> claims) {
		Jwt jwt = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("user-1")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claims((all) -> all.putAll(claims))
			.build();
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
	}

}
