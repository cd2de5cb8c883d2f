package org.ketaclinic.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The gateway's one OpenID Connect client, read from the provider's discovery document
 * the first time someone signs in, not at start-up: the gateway starts even while the
 * identity provider is still starting, and production needs only {@code issuer-uri} (plus
 * the client's id and secret) to point at another provider.
 */
class OidcRegistrations implements ReactiveClientRegistrationRepository {

	/** The registration id, as in {@code /login/oauth2/code/ketaclinic}. */
	static final String ID = "ketaclinic";

	private final Settings settings;

	private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

	OidcRegistrations(Settings settings) {
		this.settings = settings;
	}

	@Override
	public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
		if (!ID.equals(registrationId)) {
			return Mono.empty();
		}
		ClientRegistration known = this.registration.get();
		if (known != null) {
			return Mono.just(known);
		}
		return Mono.fromCallable(this::discover)
			.subscribeOn(Schedulers.boundedElastic())
			.doOnNext(this.registration::set);
	}

	private ClientRegistration discover() {
		return ClientRegistrations.fromIssuerLocation(this.settings.issuerUri())
			.registrationId(ID)
			.clientId(this.settings.clientId())
			.clientSecret(this.settings.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope(this.settings.scopes())
			.build();
	}

	/**
	 * The OpenID Connect client settings, under {@code ketaclinic.gateway.oidc}.
	 *
	 * @param issuerUri the provider's issuer (the dev identity provider locally)
	 * @param clientId the gateway's client id at the provider
	 * @param clientSecret its secret
	 * @param scopes the scopes asked for
	 * @param rolesClaims where the access token carries the user's roles, read together
	 * (dotted paths reach into nested claims): the dev identity provider's {@code roles},
	 * Keycloak's {@code realm_access.roles} and {@code resource_access.ketaclinic.roles}
	 */
	@ConfigurationProperties("ketaclinic.gateway.oidc")
	record Settings(String issuerUri, String clientId, String clientSecret, List<String> scopes,
			List<String> rolesClaims) {

		Settings {
			issuerUri = (issuerUri != null && !issuerUri.isBlank()) ? issuerUri : "http://localhost:9000";
			clientId = (clientId != null && !clientId.isBlank()) ? clientId : "gateway";
			clientSecret = (clientSecret != null) ? clientSecret : "gateway-secret";
			scopes = (scopes != null && !scopes.isEmpty()) ? List.copyOf(scopes) : List.of("openid", "profile");
			rolesClaims = (rolesClaims != null && !rolesClaims.isEmpty()) ? List.copyOf(rolesClaims)
					: List.of("roles", "realm_access.roles", "resource_access.ketaclinic.roles");
		}

	}

}
