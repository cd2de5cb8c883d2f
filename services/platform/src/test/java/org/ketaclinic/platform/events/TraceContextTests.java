package org.ketaclinic.platform.events;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTests {

	@Test
	void continuesTheCallersTraceFromAValidTraceparent() {
		TraceContext context = TraceContext.fromHeaders("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
				"booking-42");
		assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(context.correlationId()).isEqualTo("booking-42");
		assertThat(context.child().traceId()).isEqualTo(context.traceId());
		assertThat(context.child().spanId()).isNotEqualTo(context.spanId()).hasSize(16);
	}

	@Test
	void startsANewTraceWhenTheHeadersAreMissingOrForged() {
		TraceContext invalidTrace = TraceContext.fromHeaders("00-00000000000000000000000000000000-00f067aa0ba902b7-01",
				"not allowed; drop table");
		assertThat(invalidTrace.traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
		assertThat(invalidTrace.correlationId()).doesNotContain(" ").hasSize(36);
		assertThat(TraceContext.fromHeaders(null, null).traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
	}

	@Test
	void anOpenedContextIsCurrentAndInLogLinesUntilClosed() {
		TraceContext outer = TraceContext.newRoot();
		TraceContext inner = TraceContext.newRoot();
		try (TraceContext.Scope outerScope = outer.open()) {
			try (TraceContext.Scope innerScope = inner.open()) {
				assertThat(TraceContext.current()).contains(inner);
				assertThat(MDC.get(TraceContext.MDC_CORRELATION_ID)).isEqualTo(inner.correlationId());
			}
			assertThat(TraceContext.current()).contains(outer);
			assertThat(MDC.get(TraceContext.MDC_CORRELATION_ID)).isEqualTo(outer.correlationId());
		}
		assertThat(TraceContext.current()).isEmpty();
		assertThat(MDC.get(TraceContext.MDC_CORRELATION_ID)).isNull();
	}

}
