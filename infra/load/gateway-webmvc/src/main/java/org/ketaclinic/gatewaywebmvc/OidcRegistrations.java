package org.ketaclinic.gatewaywebmvc;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The one OpenID Connect client, discovered on first use, as the reactive gateway's
 * {@code OidcRegistrations} (same registration, so the sessions carry the same discovery
 * metadata).
 */
class OidcRegistrations implements ClientRegistrationRepository {

	static final String ID = "ketaclinic";

	private final String issuerUri;

	private final String clientId;

	private final String clientSecret;

	private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

	OidcRegistrations(String issuerUri, String clientId, String clientSecret) {
		this.issuerUri = issuerUri;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		if (!ID.equals(registrationId)) {
			return null;
		}
		return this.registration.updateAndGet((known) -> (known != null) ? known : discover());
	}

	private ClientRegistration discover() {
		return ClientRegistrations.fromIssuerLocation(this.issuerUri)
			.registrationId(ID)
			.clientId(this.clientId)
			.clientSecret(this.clientSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope(List.of("openid", "profile"))
			.build();
	}

}
