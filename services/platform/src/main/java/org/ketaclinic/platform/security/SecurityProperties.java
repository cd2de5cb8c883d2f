package org.ketaclinic.platform.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where roles are found in a token and which paths stay open.
 *
 * @param rolesClaim the claim holding the list of roles; a dotted path reaches into
 * nested claims, e.g. {@code realm_access.roles} for Keycloak
 * @param principalClaim the claim that names the user or client in audit records
 * @param publicPaths path patterns anyone may call (health probes are always open)
 */
@Validated
@ConfigurationProperties("ketaclinic.security")
public record SecurityProperties(@NotBlank String rolesClaim, @NotBlank String principalClaim,
		List<String> publicPaths) {

	public SecurityProperties {
		rolesClaim = (rolesClaim != null) ? rolesClaim : "roles";
		principalClaim = (principalClaim != null) ? principalClaim : "sub";
		publicPaths = (publicPaths != null) ? List.copyOf(publicPaths) : List.of();
	}

}
