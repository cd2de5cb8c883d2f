package org.ketaclinic.idp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The authorization server endpoints (OAuth2 and OIDC), a login form for the demo users,
 * and tokens that carry the platform's {@code roles} claim.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health/**", "/actuator/health")
			.permitAll()
			.anyRequest()
			.authenticated()).formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	UserDetailsService demoUsers(IdpProperties properties) {
		List<UserDetails> users = new ArrayList<>();
		properties.users()
			.forEach((name,
					user) -> users.add(User.withUsername(name)
						.password("{noop}" + user.password())
						.roles(user.roles().toArray(String[]::new))
						.build()));
		return new InMemoryUserDetailsManager(users);
	}

	/**
	 * Adds the platform roles and clinics (a user's own, or the configured ones of a
	 * script client), and to access tokens the audiences and the authorized party
	 * ({@code azp}) that the services check, as Keycloak's audience mapper would.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim(IdpProperties properties) {
		return (context) -> {
			List<String> roles;
			List<String> clinics;
			if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
				roles = properties.clientRoles().getOrDefault(context.getRegisteredClient().getClientId(), List.of());
				clinics = properties.clientClinics()
					.getOrDefault(context.getRegisteredClient().getClientId(), List.of());
			}
			else {
				IdpProperties.User user = properties.users().get(context.getPrincipal().getName());
				clinics = (user != null) ? user.clinics() : List.of();
				roles = context.getPrincipal()
					.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.filter((authority) -> authority.startsWith("ROLE_"))
					.map((authority) -> authority.substring("ROLE_".length()))
					.toList();
			}
			context.getClaims().claim("roles", roles);
			context.getClaims().claim("clinics", clinics);
			if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				String clientId = context.getRegisteredClient().getClientId();
				List<String> audiences = new ArrayList<>(List.of(clientId));
				audiences.addAll(properties.clientAudiences().getOrDefault(clientId, List.of()));
				context.getClaims().audience(audiences);
				context.getClaims().claim("azp", clientId);
			}
		};
	}

	/**
	 * The signing key, kept in a file so tokens stay valid across restarts of the local
	 * stack.
	 */
	@Bean
	JWKSource<SecurityContext> jwkSource(IdpProperties properties) throws IOException, ParseException, JOSEException {
		Path file = properties.keyFile();
		RSAKey key;
		if (Files.exists(file)) {
			key = RSAKey.parse(Files.readString(file));
		}
		else {
			key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.writeString(file, key.toJSONString());
		}
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

}
