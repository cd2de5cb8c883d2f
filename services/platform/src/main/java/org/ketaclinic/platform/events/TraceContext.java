package org.ketaclinic.platform.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The W3C trace context and correlation id of the work the current thread is doing. Set
 * by the web filter for a request and by the inbox for a consumed event; read by the
 * outbox so every event carries the trace and correlation id of the command that caused
 * it.
 *
 * @param traceId 32 lowercase hex digits
 * @param spanId 16 lowercase hex digits
 * @param correlationId the business correlation id (never patient data)
 */
public record TraceContext(String traceId, String spanId, String correlationId) {

	/** MDC key of the correlation id in log lines. */
	public static final String MDC_CORRELATION_ID = "correlationId";

	/** MDC key of the trace id in log lines. */
	public static final String MDC_TRACE_ID = "traceId";

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

	private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private static final String INVALID_TRACE_ID = "0".repeat(32);

	private static final String INVALID_SPAN_ID = "0".repeat(16);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

	/** A new trace whose correlation id is a random UUID. */
	public static TraceContext newRoot() {
		return new TraceContext(randomHex(16), randomHex(8), UUID.randomUUID().toString());
	}

	/**
	 * The context of an incoming request or message, or a new root when the headers are
	 * absent or invalid.
	 * @param traceparent a W3C {@code traceparent} header value, may be null
	 * @param correlationId a correlation id header value, may be null
	 */
	public static TraceContext fromHeaders(String traceparent, String correlationId) {
		TraceContext root = newRoot();
		String traceId = root.traceId();
		String spanId = root.spanId();
		if (traceparent != null) {
			var matcher = TRACEPARENT.matcher(traceparent.trim());
			if (matcher.matches() && !INVALID_TRACE_ID.equals(matcher.group(1))
					&& !INVALID_SPAN_ID.equals(matcher.group(2))) {
				traceId = matcher.group(1);
				spanId = matcher.group(2);
			}
		}
		String correlation = (correlationId != null && CORRELATION_ID.matcher(correlationId).matches()) ? correlationId
				: root.correlationId();
		return new TraceContext(traceId, spanId, correlation);
	}

	/** The context the current thread works in, if any. */
	public static Optional<TraceContext> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	/** The current context, or a new root when the thread has none. */
	public static TraceContext currentOrNewRoot() {
		return current().orElseGet(TraceContext::newRoot);
	}

	/**
	 * Makes this context current (and visible in log lines) until the returned scope is
	 * closed.
	 */
	public Scope open() {
		TraceContext previous = CURRENT.get();
		CURRENT.set(this);
		MDC.put(MDC_CORRELATION_ID, this.correlationId);
		MDC.put(MDC_TRACE_ID, this.traceId);
		return () -> {
			if (previous == null) {
				CURRENT.remove();
				MDC.remove(MDC_CORRELATION_ID);
				MDC.remove(MDC_TRACE_ID);
			}
			else {
				previous.open();
			}
		};
	}

	/** A child span in the same trace, with the same correlation id. */
	public TraceContext child() {
		return new TraceContext(this.traceId, randomHex(8), this.correlationId);
	}

	/** This context as a W3C {@code traceparent} header value (sampled). */
	public String traceparent() {
		return "00-" + this.traceId + "-" + this.spanId + "-01";
	}

	private static String randomHex(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return HexFormat.of().formatHex(buffer);
	}

	/** Restores the previous context when closed. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
