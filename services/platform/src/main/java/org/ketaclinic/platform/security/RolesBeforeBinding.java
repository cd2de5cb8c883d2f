package org.ketaclinic.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks an endpoint's {@code @PreAuthorize} roles before its request body is read and
 * validated, so a caller without the role gets 403 whatever they send, never a 400 that
 * tells them about the endpoint's input. Method security still checks again at
 * invocation. Role expressions here never refer to method arguments.
 */
public class RolesBeforeBinding implements HandlerInterceptor {

	private final PreAuthorizeAuthorizationManager roles = new PreAuthorizeAuthorizationManager();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			Object[] noArguments = new Object[method.getMethod().getParameterCount()];
			AuthorizationResult result = this.roles.authorize(
					() -> SecurityContextHolder.getContext().getAuthentication(),
					new SimpleMethodInvocation(method.getBean(), method.getMethod(), noArguments));
			if (result != null && !result.isGranted()) {
				throw new AuthorizationDeniedException("Access Denied", result);
			}
		}
		return true;
	}

}
