package org.ketaclinic.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * How long from an intake accepted (its 201 received) until screening's
 * {@code ScreeningAssessed} for that patient is readable on Kafka, at a constant arrival
 * rate of intakes. A consumer of the screening topic, started before the load, notes when
 * each patient's assessment arrives. Writes {@code target/event-pipeline-<rate>.json}.
 */
public class EventPipeline extends Simulation {

	private static final String ASSESSED = "org.ketaclinic.screening.ScreeningAssessed.v1";

	private static final Map<String, Long> accepted = new ConcurrentHashMap<>();

	private static final Map<String, Long> assessed = new ConcurrentHashMap<>();

	private static final AtomicLong counter = new AtomicLong();

	private static final AtomicBoolean running = new AtomicBoolean(true);

	private static volatile String token;

	private static Thread reader;

	@Override
	public void before() {
		token = Platform.token("frontdesk-cli");
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("load.kafka", "localhost:9092"));
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = new ArrayList<>();
		consumer.partitionsFor("ketaclinic.screening.events")
			.forEach((p) -> partitions.add(new TopicPartition(p.topic(), p.partition())));
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		reader = new Thread(() -> {
			try (consumer) {
				while (running.get()) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
						Header type = record.headers().lastHeader("ce_type");
						if (type != null && ASSESSED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
							assessed.putIfAbsent(record.key(), System.currentTimeMillis());
						}
					}
				}
			}
		}, "screening-events-reader");
		reader.start();
	}

	HttpProtocolBuilder protocol = Platform.jsonThroughGateway();

	ScenarioBuilder submit = scenario("intake to assessment")
		.exec(Platform.submitIntake(() -> token, counter).check(jsonPath("$.patientId").saveAs("patientId")))
		.exec((session) -> {
			if (session.contains("patientId")) {
				accepted.put(session.getString("patientId"), System.currentTimeMillis());
			}
			return session;
		});

	{
		setUp(this.submit.injectOpen(constantUsersPerSec(Platform.RATE).during(Duration.ofSeconds(Platform.SECONDS))))
			.protocols(this.protocol);
	}

	@Override
	public void after() {
		long deadline = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < deadline && !assessed.keySet().containsAll(accepted.keySet())) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		running.set(false);
		List<Long> latencies = new ArrayList<>();
		accepted.forEach((patient, at) -> {
			Long seen = assessed.get(patient);
			if (seen != null) {
				latencies.add(Math.max(0, seen - at));
			}
		});
		Collections.sort(latencies);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("rate", Platform.RATE);
		result.put("accepted", accepted.size());
		result.put("assessed", latencies.size());
		result.put("p50Ms", percentile(latencies, 0.50));
		result.put("p95Ms", percentile(latencies, 0.95));
		result.put("p99Ms", percentile(latencies, 0.99));
		result.put("maxMs", latencies.isEmpty() ? null : latencies.get(latencies.size() - 1));
		try {
			Files.writeString(Path.of("target/event-pipeline-" + (int) Platform.RATE + ".json"),
					Json.MAPPER.writeValueAsString(result));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		System.out.println("event-pipeline: " + result);
	}

	private static Long percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return null;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
	}

}
