package org.ketaclinic.gateway;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.CookieServerRequestCache;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * The gateway is the browser's backend for frontend: staff sign in with the
 * authorization-code flow and PKCE, the gateway keeps their tokens server-side behind a
 * session cookie and relays the access token to the services ({@code TokenRelay}). API
 * clients send their own bearer tokens, which pass straight through. The services check
 * tokens and roles themselves; the gateway only decides who must sign in to see the staff
 * pages. Requests that change state on the strength of the session cookie need the CSRF
 * token (cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}); bearer calls and the
 * patients' check-in answers (the link is their credential) do not.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

	@Bean
	SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http,
			ReactiveClientRegistrationRepository registrations, ClientRateLimiter.Settings rateLimits) {
		DefaultServerOAuth2AuthorizationRequestResolver requests = new DefaultServerOAuth2AuthorizationRequestResolver(
				registrations);
		requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedServerLogoutSuccessHandler loggedOut = new OidcClientInitiatedServerLogoutSuccessHandler(
				registrations);
		loggedOut.setPostLogoutRedirectUri("{baseUrl}/");
		DelegatingServerAuthenticationEntryPoint entry = new DelegatingServerAuthenticationEntryPoint(
				new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
						ServerWebExchangeMatchers.pathMatchers("/me", "/api/**"),
						(exchange, denied) -> problem(exchange, HttpStatus.UNAUTHORIZED,
								"urn:ketaclinic:problem:unauthenticated", "Sign in first")));
		// the page asked for before sign-in waits in a cookie, not a session: an
		// anonymous
		// request must never create a session (thousands of them would fill the store)
		ServerRequestCache requestCache = new CookieServerRequestCache();
		RedirectServerAuthenticationEntryPoint signIn = new RedirectServerAuthenticationEntryPoint(
				"/oauth2/authorization/" + OidcRegistrations.ID);
		signIn.setRequestCache(requestCache);
		entry.setDefaultEntryPoint(signIn);
		http.requestCache((cache) -> cache.requestCache(requestCache))
			// once the session's user is known, before the sign-in filters
			.addFilterAfter(new ClientRateLimiter(rateLimits), SecurityWebFiltersOrder.REACTOR_CONTEXT)
			.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers("/ui/**", "/me").authenticated().anyExchange().permitAll())
			.oauth2Login((login) -> login.authorizationRequestResolver(requests))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entry))
			.logout((logout) -> logout.logoutSuccessHandler(loggedOut))
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(sessionChangesState())
				.accessDeniedHandler(
						(exchange, denied) -> problem(exchange, HttpStatus.FORBIDDEN, "urn:ketaclinic:problem:csrf",
								"Send the X-XSRF-TOKEN header with the XSRF-TOKEN cookie's value")))
			.headers((headers) -> headers
				.referrerPolicy(
						(referrer) -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data:;"
						+ " style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
		return http.build();
	}

	/**
	 * The signed-in user's tokens live in the session, like the sign-in itself, so that
	 * every gateway instance that reads the session can relay them (Spring's default
	 * keeps them in this instance's memory, keyed by user name).
	 */
	@Bean
	ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new WebSessionServerOAuth2AuthorizedClientRepository();
	}

	/**
	 * State-changing requests that would ride on the session cookie: no bearer token of
	 * their own, and not a patient's check-in answer or the SMS provider's signed
	 * webhook.
	 */
	static ServerWebExchangeMatcher sessionChangesState() {
		return (exchange) -> {
			HttpMethod method = exchange.getRequest().getMethod();
			String path = exchange.getRequest().getPath().value();
			boolean safe = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
					|| HttpMethod.OPTIONS.equals(method) || HttpMethod.TRACE.equals(method);
			boolean bearer = exchange.getRequest().getHeaders().containsHeader("Authorization");
			// without the session cookie a request carries no ambient authority to abuse
			boolean session = exchange.getRequest().getCookies().containsKey("SESSION");
			boolean ownCredential = path.startsWith("/api/followup/check-ins/")
					|| path.equals("/api/followup/sms/inbound");
			return (safe || bearer || !session || ownCredential) ? ServerWebExchangeMatcher.MatchResult.notMatch()
					: ServerWebExchangeMatcher.MatchResult.match();
		};
	}

	static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = ("{\"type\":\"" + type + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\""
				+ exchange.getRequest().getPath().value().replace("\"", "") + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/**
	 * Writes the CSRF cookie on every response, so the pages' scripts can send it back.
	 */
	@Bean
	WebFilter csrfCookie() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
			return token.then(chain.filter(exchange));
		};
	}

}
