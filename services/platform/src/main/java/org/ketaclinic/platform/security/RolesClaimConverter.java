package org.ketaclinic.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the roles claim (a list of strings, possibly nested) into {@code ROLE_*}
 * authorities.
 */
public class RolesClaimConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final String[] path;

	public RolesClaimConverter(String claim) {
		this.path = claim.split("\\.");
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		Object value = jwt.getClaims();
		for (String segment : this.path) {
			if (!(value instanceof Map<?, ?> map)) {
				return List.of();
			}
			value = map.get(segment);
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		if (value instanceof Collection<?> roles) {
			for (Object role : roles) {
				if (role instanceof String name && !name.isBlank()) {
					authorities.add(new SimpleGrantedAuthority("ROLE_" + name));
				}
			}
		}
		else if (value instanceof String single && !single.isBlank()) {
			for (String name : single.split("[ ,]+")) {
				authorities.add(new SimpleGrantedAuthority("ROLE_" + name));
			}
		}
		return authorities;
	}

}
