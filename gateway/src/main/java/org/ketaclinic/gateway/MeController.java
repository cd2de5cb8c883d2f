package org.ketaclinic.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
 * Who is signed in, for the pages: name and roles, read from the access token the gateway
 * holds for the session (the services check the same token). The token itself never
 * reaches the browser.
 */
@RestController
class MeController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@GetMapping("/me")
	Mono<Map<String, Object>> me(@AuthenticationPrincipal OidcUser user,
			@RegisteredOAuth2AuthorizedClient(OidcRegistrations.ID) OAuth2AuthorizedClient client) {
		String name = (user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getSubject();
		return Mono.just(Map.of("name", name, "roles", roles(client.getAccessToken().getTokenValue())));
	}

	static List<String> roles(String jwt) {
		String[] parts = jwt.split("\\.");
		List<String> roles = new ArrayList<>();
		if (parts.length < 2) {
			return roles;
		}
		JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
		claims.path("roles").forEach((role) -> roles.add(role.asString()));
		return roles;
	}

}
