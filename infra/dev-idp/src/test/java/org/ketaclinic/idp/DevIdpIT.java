package org.ketaclinic.idp;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DevIdpIT {

	@TempDir
	static Path keys;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void keyFile(DynamicPropertyRegistry registry) {
		registry.add("ketaclinic.idp.key-file", () -> keys.resolve("signing-key.json").toString());
	}

	@Test
	void publishesOpenIdConnectDiscovery() {
		Map<?, ?> discovery = client().get().uri("/.well-known/openid-configuration").retrieve().body(Map.class);
		assertThat(discovery.get("issuer")).isEqualTo("http://localhost:9000");
		assertThat(discovery.get("token_endpoint")).isEqualTo("http://localhost:9000/oauth2/token");
		assertThat(discovery.get("jwks_uri")).isNotNull();
	}

	@Test
	void eachScriptClientGetsATokenWithItsRole() throws Exception {
		assertThat(roles("frontdesk-cli", "frontdesk-cli-secret")).containsExactly("FRONT_DESK");
		assertThat(roles("clinician-cli", "clinician-cli-secret")).containsExactly("CLINICIAN");
		assertThat(roles("admin-cli", "admin-cli-secret")).containsExactly("ADMIN");
		assertThat(keys.resolve("signing-key.json")).exists();
	}

	@Test
	void scriptClientTokensNameKetaClinicAndTheirClientWhileOtherClisDoNot() throws Exception {
		JWTClaimsSet frontDesk = claims("frontdesk-cli", "frontdesk-cli-secret");
		assertThat(frontDesk.getAudience()).contains("ketaclinic");
		assertThat(frontDesk.getStringClaim("azp")).isEqualTo("frontdesk-cli");
		JWTClaimsSet other = claims("other-cli", "other-cli-secret");
		assertThat(other.getAudience()).containsExactly("other-cli");
		assertThat(other.getStringClaim("azp")).isEqualTo("other-cli");
		assertThat(other.getStringListClaim("roles")).isEmpty();
	}

	@Test
	void scriptClientTokensNameTheClinicsTheirClientWorksForAndOtherClisNone() throws Exception {
		assertThat(claims("frontdesk-cli", "frontdesk-cli-secret").getStringListClaim("clinics"))
			.containsExactly("main");
		assertThat(claims("admin-cli", "admin-cli-secret").getStringListClaim("clinics")).containsExactly("main");
		assertThat(claims("other-cli", "other-cli-secret").getStringListClaim("clinics")).isEmpty();
	}

	@Test
	void aWrongClientSecretGetsNoToken() {
		int status = client().post()
			.uri("/oauth2/token")
			.header("Authorization", basic("frontdesk-cli", "wrong"))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form())
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(401);
	}

	private List<String> roles(String clientId, String secret) throws Exception {
		return claims(clientId, secret).getStringListClaim("roles");
	}

	private JWTClaimsSet claims(String clientId, String secret) throws Exception {
		Map<?, ?> token = client().post()
			.uri("/oauth2/token")
			.header("Authorization", basic(clientId, secret))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form())
			.retrieve()
			.body(Map.class);
		return SignedJWT.parse((String) token.get("access_token")).getJWTClaimsSet();
	}

	private static LinkedMultiValueMap<String, String> form() {
		LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("scope", "api");
		return form;
	}

	private static String basic(String id, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes());
	}

	private RestClient client() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
