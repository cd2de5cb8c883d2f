package org.ketaclinic.acceptance;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running local stack answers (infra/local/start), overridable by system
 * properties for another machine.
 */
final class Stack {

	static final URI GATEWAY = URI.create(System.getProperty("ketaclinic.gateway", "http://localhost:8080"));

	static final URI IDP = URI.create(System.getProperty("ketaclinic.idp", "http://localhost:9000"));

	static final URI SMS_SINK = URI.create(System.getProperty("ketaclinic.sms-sink", "http://localhost:8089"));

	static final String MAIL_HOST = System.getProperty("ketaclinic.mail-host", "localhost");

	static final int POP3_PORT = Integer.getInteger("ketaclinic.pop3-port", 3110);

	/** The repository root, whose {@code infra/local/.data} holds PostgreSQL's data. */
	static final Path ROOT = Path.of(System.getProperty("ketaclinic.root", "../..")).toAbsolutePath().normalize();

	/** Each service's own port, for its readiness probe. */
	static final Map<String, Integer> SERVICES = services();

	private Stack() {
	}

	/** The Kafka bootstrap servers: one broker, or the three of a cluster. */
	static String kafka() {
		return (StackProcesses.kafkaBrokers() >= 3) ? "localhost:9092,localhost:9192,localhost:9292" : "localhost:9092";
	}

	private static Map<String, Integer> services() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("intake", 8081);
		ports.put("screening", 8082);
		ports.put("scheduling", 8083);
		ports.put("followup", 8084);
		ports.put("interop", 8085);
		return ports;
	}

}
