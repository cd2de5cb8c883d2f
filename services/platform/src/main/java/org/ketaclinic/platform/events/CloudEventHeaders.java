package org.ketaclinic.platform.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding in binary content
 * mode, and of the trace context that travels with every event.
 */
public final class CloudEventHeaders {

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String ID = "ce_id";

	public static final String SOURCE = "ce_source";

	public static final String TYPE = "ce_type";

	public static final String SUBJECT = "ce_subject";

	public static final String TIME = "ce_time";

	public static final String DATA_SCHEMA = "ce_dataschema";

	/** In binary mode the data content type is the Kafka {@code content-type} header. */
	public static final String CONTENT_TYPE = "content-type";

	/** W3C trace context. */
	public static final String TRACEPARENT = "traceparent";

	/** The business correlation id, also a CloudEvents extension attribute. */
	public static final String CORRELATION_ID = "ce_correlationid";

	public static final String SPEC_VERSION_1_0 = "1.0";

	public static final String JSON = "application/json";

	private CloudEventHeaders() {
	}

}
