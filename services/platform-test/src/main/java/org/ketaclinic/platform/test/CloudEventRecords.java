package org.ketaclinic.platform.test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Kafka records shaped like another service's CloudEvents, for consumer tests. */
public final class CloudEventRecords {

	private CloudEventRecords() {
	}

	/**
	 * A CloudEvent in binary mode with a fresh id.
	 * @param topic the topic
	 * @param key the record key (a patient id)
	 * @param source {@code ce_source}, e.g. {@code /ketaclinic/intake}
	 * @param type {@code ce_type}
	 * @param json the data, already serialised
	 */
	public static ProducerRecord<String, byte[]> of(String topic, String key, String source, String type, byte[] json) {
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
		headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
		headers.add("ce_source", source.getBytes(StandardCharsets.UTF_8));
		headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
		headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
		return new ProducerRecord<>(topic, null, key, json, headers);
	}

}
