package org.ketaclinic.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ketaclinic.platform.audit.AuditEntry;
import org.ketaclinic.platform.audit.AuditLog;
import org.ketaclinic.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as problem details, with the {@code WWW-Authenticate} challenge of RFC
 * 6750; each refusal is audited in a transaction of its own.
 */
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final AuditLog audit;

	/**
	 * @param audit where each refusal is recorded (who if known, method and path), or
	 * null
	 */
	ProblemSecurityHandlers(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		audit(AuditEntry.UNAUTHENTICATED, request);
		boolean tokenSent = request.getHeader("Authorization") != null;
		response.setHeader("WWW-Authenticate",
				tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"ketaclinic\"");
		Problems.write(request, response, Problems.problem(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED,
				tokenSent ? "The bearer token is invalid or expired" : "Sign in or send a bearer token"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		audit(AuditEntry.FORBIDDEN, request);
		Problems.write(request, response,
				Problems.problem(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Your role does not allow this action"));
	}

	private void audit(String outcome, HttpServletRequest request) {
		if (this.audit != null) {
			this.audit.recordRefusal(outcome, request.getMethod(), request.getRequestURI());
		}
	}

}
