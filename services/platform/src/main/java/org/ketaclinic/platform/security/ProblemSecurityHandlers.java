package org.ketaclinic.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ketaclinic.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem details, with the {@code WWW-Authenticate} challenge of RFC
 * 6750.
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		boolean tokenSent = request.getHeader("Authorization") != null;
		response.setHeader("WWW-Authenticate",
				tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"ketaclinic\"");
		Problems.write(request, response, Problems.problem(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED,
				tokenSent ? "The bearer token is invalid or expired" : "Sign in or send a bearer token"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		Problems.write(request, response,
				Problems.problem(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Your role does not allow this action"));
	}

}
