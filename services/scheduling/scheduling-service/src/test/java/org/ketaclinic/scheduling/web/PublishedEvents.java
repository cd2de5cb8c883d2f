package org.ketaclinic.scheduling.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ketaclinic.platform.events.CloudEventHeaders;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.test.TopicProbe;
import org.ketaclinic.scheduling.events.Topics;
import tools.jackson.databind.JsonNode;

/** What scheduling published about a patient, read back from its topic. */
final class PublishedEvents {

	private PublishedEvents() {
	}

	/** At least this many of the patient's events, waiting up to 30 s for them. */
	static List<ConsumerRecord<String, byte[]>> events(UUID patientId, int atLeast) {
		return TopicProbe
			.readUntil(Topics.SCHEDULING,
					(read) -> read.stream().filter((r) -> patientId.toString().equals(r.key())).count() >= atLeast,
					Duration.ofSeconds(30))
			.stream()
			.filter((r) -> patientId.toString().equals(r.key()))
			.toList();
	}

	static List<ConsumerRecord<String, byte[]>> ofType(List<ConsumerRecord<String, byte[]>> records, String type) {
		return records.stream().filter((r) -> type.equals(type(r))).toList();
	}

	static String type(ConsumerRecord<String, byte[]> record) {
		return new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8);
	}

	static JsonNode data(ConsumerRecord<String, byte[]> record) {
		return EventJson.mapper().readTree(record.value());
	}

}
