package org.ketaclinic.platform.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts only tokens meant for KetaClinic: issued by the configured issuer, naming
 * KetaClinic's audience, and (where configured) issued to one of its clients. The
 * signature and lifetime are checked before by the decoder; a token failing here is
 * refused with 401 like a forged one.
 */
public class TokenClaimsValidator implements OAuth2TokenValidator<Jwt> {

	private final String issuer;

	private final String audience;

	private final List<String> authorizedParties;

	public TokenClaimsValidator(String issuer, String audience, List<String> authorizedParties) {
		this.issuer = (issuer != null) ? issuer : "";
		this.audience = audience;
		this.authorizedParties = List.copyOf(authorizedParties);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<OAuth2Error> errors = new ArrayList<>();
		if (!this.issuer.isEmpty()
				&& (token.getIssuer() == null || !this.issuer.equals(token.getIssuer().toString()))) {
			errors.add(invalid("The token was issued by another issuer"));
		}
		List<String> audiences = token.getAudience();
		if (audiences == null || !audiences.contains(this.audience)) {
			errors.add(invalid("The token is not meant for this audience"));
		}
		if (!this.authorizedParties.isEmpty()) {
			String party = token.getClaimAsString("azp");
			if (party == null) {
				party = token.getClaimAsString("client_id");
			}
			if (party == null || !this.authorizedParties.contains(party)) {
				errors.add(invalid("The token was issued to a client this service does not serve"));
			}
		}
		return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
	}

	private static OAuth2Error invalid(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
	}

}
