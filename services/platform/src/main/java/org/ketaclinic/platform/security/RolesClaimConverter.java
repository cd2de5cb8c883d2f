package org.ketaclinic.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the roles claims (each a list of strings, possibly nested, e.g. Keycloak's
 * {@code realm_access.roles}) into {@code ROLE_*} authorities. The claims are read
 * together, so the same configuration serves the dev identity provider's top-level
 * {@code roles} and Keycloak's realm and client roles.
 */
public class RolesClaimConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final List<String[]> paths = new ArrayList<>();

	public RolesClaimConverter(String... claims) {
		this(List.of(claims));
	}

	public RolesClaimConverter(List<String> claims) {
		claims.forEach((claim) -> this.paths.add(claim.split("\\.")));
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		return roles(jwt.getClaims()).stream()
			.map((name) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name))
			.toList();
	}

	/** The role names in these claims, in the order found, each once. */
	public Set<String> roles(Map<String, Object> claims) {
		Set<String> roles = new LinkedHashSet<>();
		for (String[] path : this.paths) {
			Object value = claims;
			for (String segment : path) {
				value = (value instanceof Map<?, ?> map) ? map.get(segment) : null;
			}
			if (value instanceof Collection<?> list) {
				for (Object role : list) {
					if (role instanceof String name && !name.isBlank()) {
						roles.add(name);
					}
				}
			}
			else if (value instanceof String single && !single.isBlank()) {
				for (String name : single.split("[ ,]+")) {
					roles.add(name);
				}
			}
		}
		return roles;
	}

}
