package org.ketaclinic.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in, for the pages: name, roles and clinics, read from the access token
 * the gateway holds for the session (the services check the same token). The token itself
 * never reaches the browser.
 */
@RestController
class MeController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The clinics the user works for (ADR 12), as the services read them. */
	static final String CLINICS_CLAIM = "clinics";

	private final List<String> rolesClaims;

	MeController(OidcRegistrations.Settings settings) {
		this.rolesClaims = settings.rolesClaims();
	}

	@GetMapping("/me")
	Mono<Map<String, Object>> me(@AuthenticationPrincipal OidcUser user,
			@RegisteredOAuth2AuthorizedClient(OidcRegistrations.ID) OAuth2AuthorizedClient client) {
		String name = (user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getSubject();
		String token = client.getAccessToken().getTokenValue();
		return Mono.just(Map.of("name", name, "roles", roles(token, this.rolesClaims), "clinics",
				roles(token, List.of(CLINICS_CLAIM))));
	}

	/**
	 * The roles in these claims of the token (read, not verified: the gateway got it from
	 * the provider itself, and the services verify it on every call), each once.
	 */
	static List<String> roles(String jwt, List<String> rolesClaims) {
		String[] parts = jwt.split("\\.");
		Set<String> roles = new LinkedHashSet<>();
		if (parts.length < 2) {
			return List.of();
		}
		JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
		for (String claim : rolesClaims) {
			JsonNode value = claims;
			for (String segment : claim.split("\\.")) {
				value = value.path(segment);
			}
			value.forEach((role) -> {
				if (role.isString() && !role.asString().isBlank()) {
					roles.add(role.asString());
				}
			});
		}
		return List.copyOf(roles);
	}

}
