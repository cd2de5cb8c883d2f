package org.ketaclinic.platform.security;

import org.ketaclinic.platform.audit.AuditLog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security baseline of every service: stateless bearer-token authentication, health
 * probes open, the dead-letter admin endpoints for administrators, every other path
 * authenticated, and method security so each endpoint declares the roles it serves with
 * {@code @PreAuthorize}.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
public class PlatformSecurityConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JwtAuthenticationConverter jwtAuthenticationConverter(SecurityProperties properties) {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(new RolesClaimConverter(properties.rolesClaim()));
		converter.setPrincipalClaimName(properties.principalClaim());
		return converter;
	}

	/** The caller's clinics, for every query that reads patient rows (ADR 12). */
	@Bean
	@ConditionalOnMissingBean
	ClinicScope clinicScope(SecurityProperties properties) {
		return new ClinicScope(properties.clinicsClaim(), properties.defaultClinic());
	}

	/**
	 * Issuer, audience and authorized party, checked on every token beside its signature
	 * and lifetime (Spring Boot adds every such validator bean to its decoder).
	 */
	@Bean
	OAuth2TokenValidator<Jwt> ketaclinicTokenClaimsValidator(SecurityProperties properties, Environment environment) {
		String issuer = properties.issuer().isEmpty()
				? environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "")
				: properties.issuer();
		return new TokenClaimsValidator(issuer, properties.audience(), properties.authorizedParties());
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
			JwtAuthenticationConverter converter, ObjectProvider<AuditLog> audit, Environment environment)
			throws Exception {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers(audit.getIfAvailable());
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> {
				// a management port of its own (MANAGEMENT_SERVER_PORT in Kubernetes)
				// serves only
				// health, info and metrics, to the kubelet and Prometheus, and is
				// reachable only
				// from the monitoring namespace (NetworkPolicy); on the API port
				// /actuator/**
				// stays for administrators (ADR 0014)
				requests.requestMatchers(onManagementPort(environment)).permitAll();
				requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
				requests.requestMatchers("/error").permitAll();
				// the API description is public; every operation in it still checks its
				// roles
				requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll();
				if (!properties.publicPaths().isEmpty()) {
					requests.requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
				}
				requests.requestMatchers("/admin/**", "/actuator/**").hasRole(Roles.ADMIN);
				requests.anyRequest().authenticated();
			})
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(converter))
						.authenticationEntryPoint(problems)
						.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * Requests that arrived on the management server's own port: Spring Boot applies this
	 * filter chain there too. {@code local.management.port} is set once that server has
	 * started; without a port of its own it is the API's port, and matches nothing here.
	 */
	static RequestMatcher onManagementPort(Environment environment) {
		return (request) -> {
			Integer management = environment.getProperty("local.management.port", Integer.class);
			Integer api = environment.getProperty("local.server.port", Integer.class);
			return management != null && management > 0 && !management.equals(api)
					&& request.getLocalPort() == management;
		};
	}

}
