package org.ketaclinic.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ketaclinic.platform.events.TraceContext;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Continues the caller's W3C trace and correlation id (or starts new ones) for the whole
 * request, so log lines and the events the request records carry them; echoes the
 * correlation id to the caller.
 */
public class TraceContextFilter extends OncePerRequestFilter {

	/** Request and response header of the correlation id. */
	public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		TraceContext context = TraceContext
			.fromHeaders(request.getHeader("traceparent"), request.getHeader(CORRELATION_ID_HEADER))
			.child();
		response.setHeader(CORRELATION_ID_HEADER, context.correlationId());
		try (TraceContext.Scope scope = context.open()) {
			chain.doFilter(request, response);
		}
	}

}
