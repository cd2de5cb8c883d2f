package org.ketaclinic.platform.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What a token must say to be accepted, where its roles are, and which paths stay open.
 *
 * @param rolesClaim the claims holding the roles, read together; a dotted path reaches
 * into nested claims. The default reads the dev identity provider's {@code roles} and
 * Keycloak's {@code realm_access.roles} and {@code resource_access.ketaclinic.roles}
 * @param principalClaim the claim that names the user or client in audit records
 * @param audience the audience every token must name ({@code aud}); a token the identity
 * provider issued for another application of the same realm is refused with 401
 * @param authorizedParties the clients whose tokens are accepted ({@code azp}, or
 * {@code client_id} where the provider sets that instead): the gateway's and each script
 * or integration client. Empty accepts any client whose tokens name the audience
 * @param issuer the issuer every token must name ({@code iss}); empty takes the resource
 * server's {@code issuer-uri}
 * @param publicPaths path patterns anyone may call (health probes are always open)
 * @param clinicsClaim the claim listing the clinics the caller works for (ADR 12); a
 * token without it sees no patient
 * @param defaultClinic the clinic of rows written before clinics existed and of events
 * that name none
 */
@Validated
@ConfigurationProperties("ketaclinic.security")
public record SecurityProperties(@NotEmpty List<@NotBlank String> rolesClaim, @NotBlank String principalClaim,
		@NotBlank String audience, List<String> authorizedParties, String issuer, List<String> publicPaths,
		@NotBlank String clinicsClaim, @NotBlank String defaultClinic) {

	/** The audience of KetaClinic's tokens unless configured otherwise. */
	public static final String DEFAULT_AUDIENCE = "ketaclinic";

	/** The clinic of a single-clinic deployment unless configured otherwise. */
	public static final String DEFAULT_CLINIC = "main";

	public SecurityProperties {
		rolesClaim = (rolesClaim != null && !rolesClaim.isEmpty()) ? List.copyOf(rolesClaim)
				: List.of("roles", "realm_access.roles", "resource_access." + DEFAULT_AUDIENCE + ".roles");
		principalClaim = (principalClaim != null) ? principalClaim : "sub";
		audience = (audience != null) ? audience : DEFAULT_AUDIENCE;
		authorizedParties = (authorizedParties != null) ? List.copyOf(authorizedParties)
				: List.of("gateway", "frontdesk-cli", "clinician-cli", "admin-cli");
		issuer = (issuer != null) ? issuer : "";
		publicPaths = (publicPaths != null) ? List.copyOf(publicPaths) : List.of();
		clinicsClaim = (clinicsClaim != null) ? clinicsClaim : "clinics";
		defaultClinic = (defaultClinic != null) ? defaultClinic : DEFAULT_CLINIC;
	}

}
