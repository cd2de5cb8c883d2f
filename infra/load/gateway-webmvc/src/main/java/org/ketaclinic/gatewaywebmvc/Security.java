package org.ketaclinic.gatewaywebmvc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The reactive gateway's {@code GatewaySecurity}, on servlet Spring Security, as far as
 * the benchmark's requests go through it: sign-in with the authorization-code flow and
 * PKCE, the user's tokens in the session
 * ({@code HttpSessionOAuth2AuthorizedClientRepository}), the page asked for before
 * sign-in in a cookie (no session for anonymous requests), the CSRF token in a cookie
 * written on every response, the same headers. Not ported: the rate limiter, the
 * anonymous body limit, trusted proxies.
 */
@Configuration(proxyBeanMethods = false)
class Security {

	@Bean
	OidcRegistrations registrations(@Value("${ketaclinic.gateway.oidc.issuer-uri}") String issuerUri,
			@Value("${ketaclinic.gateway.oidc.client-id}") String clientId,
			@Value("${ketaclinic.gateway.oidc.client-secret}") String clientSecret) {
		return new OidcRegistrations(issuerUri, clientId, clientSecret);
	}

	@Bean
	OAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/**
	 * What {@code TokenRelay} asks for the signed-in user's (possibly refreshed) token.
	 */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		return new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
	}

	@Bean
	SecurityFilterChain gatewaySecurityChain(HttpSecurity http, ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) throws Exception {
		DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedLogoutSuccessHandler loggedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		loggedOut.setPostLogoutRedirectUri("{baseUrl}/");
		CookieRequestCache requestCache = new CookieRequestCache();
		AuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(
				"/oauth2/authorization/" + OidcRegistrations.ID);
		AuthenticationEntryPoint entry = (request, response, denied) -> {
			String path = request.getRequestURI();
			if (path.equals("/me") || path.startsWith("/api/")) {
				problem(response, 401, "urn:ketaclinic:problem:unauthenticated", "Sign in first", path);
			}
			else {
				signIn.commence(request, response, denied);
			}
		};
		http.requestCache((cache) -> cache.requestCache(requestCache))
			.authorizeHttpRequests((requestsAllowed) -> requestsAllowed.requestMatchers("/ui/**", "/me")
				.authenticated()
				.anyRequest()
				.permitAll())
			.oauth2Login((login) -> login
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(requests))
				.authorizedClientRepository(authorizedClients))
			.oauth2Client((client) -> client.authorizedClientRepository(authorizedClients))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entry))
			.logout((logout) -> logout.logoutSuccessHandler(loggedOut))
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(sessionChangesState()))
			.addFilterAfter(new CsrfCookie(), CsrfFilter.class)
			.headers((headers) -> headers
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data:;"
						+ " style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
		return http.build();
	}

	/** As the reactive gateway's matcher of the same name. */
	static RequestMatcher sessionChangesState() {
		return (request) -> {
			String method = request.getMethod();
			String path = request.getRequestURI();
			boolean safe = HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)
					|| HttpMethod.OPTIONS.matches(method) || HttpMethod.TRACE.matches(method);
			boolean bearer = request.getHeader("Authorization") != null;
			boolean session = false;
			if (request.getCookies() != null) {
				for (var cookie : request.getCookies()) {
					session |= "SESSION".equals(cookie.getName());
				}
			}
			boolean ownCredential = path.startsWith("/api/followup/check-ins/")
					|| path.equals("/api/followup/sms/inbound");
			return !(safe || bearer || !session || ownCredential);
		};
	}

	static void problem(HttpServletResponse response, int status, String type, String detail, String path)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"type\":\"" + type + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"instance\":\""
					+ path.replace("\"", "") + "\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

	/** Loads (or creates) the CSRF token on every request, so its cookie is written. */
	static final class CsrfCookie extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			if (token != null) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

}
