package org.ketaclinic.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class TokenClaimsValidatorTests {

	private static final String ISSUER = "https://login.example.org/realms/ketaclinic";

	private final TokenClaimsValidator validator = new TokenClaimsValidator(ISSUER, "ketaclinic",
			List.of("gateway", "frontdesk-cli"));

	@Test
	void acceptsATokenOfTheIssuerForTheAudienceFromOneOfItsClients() {
		assertThat(this.validator.validate(token(ISSUER, List.of("ketaclinic", "account"), Map.of("azp", "gateway")))
			.hasErrors()).isFalse();
		assertThat(this.validator.validate(token(ISSUER, List.of("ketaclinic"), Map.of("client_id", "frontdesk-cli")))
			.hasErrors()).as("client_id where the provider sets no azp").isFalse();
	}

	@Test
	void refusesATokenIssuedForAnotherApplicationOfTheSameRealm() {
		assertThat(this.validator.validate(token(ISSUER, List.of("other-cli"), Map.of("azp", "other-cli"))).getErrors())
			.extracting("description")
			.contains("The token is not meant for this audience",
					"The token was issued to a client this service does not serve");
		assertThat(this.validator.validate(token(ISSUER, null, Map.of("azp", "gateway"))).hasErrors())
			.as("no audience at all")
			.isTrue();
	}

	@Test
	void refusesAClientThatIsNotOneOfKetaClinicsEvenWithTheAudience() {
		assertThat(
				this.validator.validate(token(ISSUER, List.of("ketaclinic"), Map.of("azp", "reporting"))).hasErrors())
			.isTrue();
		assertThat(this.validator.validate(token(ISSUER, List.of("ketaclinic"), Map.of())).hasErrors())
			.as("a token naming no client")
			.isTrue();
	}

	@Test
	void refusesAnotherIssuer() {
		assertThat(this.validator
			.validate(token("https://login.example.org/realms/other", List.of("ketaclinic"), Map.of("azp", "gateway")))
			.getErrors()).extracting("description").containsExactly("The token was issued by another issuer");
	}

	@Test
	void withNoClientsConfiguredAnyClientWithTheAudienceIsAccepted() {
		TokenClaimsValidator open = new TokenClaimsValidator("", "ketaclinic", List.of());
		assertThat(open.validate(token(ISSUER, List.of("ketaclinic"), Map.of("azp", "reporting"))).hasErrors())
			.isFalse();
		assertThat(open.validate(token(ISSUER, List.of("reporting"), Map.of("azp", "reporting"))).hasErrors()).isTrue();
	}

	private static Jwt token(String issuer, List<String> audience, Map<String, Object> claims) {
		Jwt.Builder builder = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("someone")
			.issuer(issuer)
			.issuedAt(Instant.now())
			.claims((c) -> c.putAll(claims));
		if (audience != null) {
			builder.audience(audience);
		}
		return builder.build();
	}

}
