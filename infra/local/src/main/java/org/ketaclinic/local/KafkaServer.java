package org.ketaclinic.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), with
 * its log in a folder that survives restarts.
 *
 * <p>
 * Arguments: client port, controller port, data directory.
 */
public final class KafkaServer {

	private KafkaServer() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		int controllerPort = Integer.parseInt(args[1]);
		Path data = Path.of(args[2]).toAbsolutePath();
		Path logs = data.resolve("log");
		Files.createDirectories(logs);
		Path clusterIdFile = data.resolve("cluster.id");
		if (!Files.exists(clusterIdFile)) {
			Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
		}
		String clusterId = Files.readString(clusterIdFile).trim();
		Path config = data.resolve("server.properties");
		Files.write(config,
				List.of("process.roles=broker,controller", "node.id=1",
						"controller.quorum.voters=1@localhost:" + controllerPort,
						"listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
						"advertised.listeners=PLAINTEXT://localhost:" + port, "controller.listener.names=CONTROLLER",
						"inter.broker.listener.name=PLAINTEXT",
						"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", "log.dirs=" + logs,
						"num.partitions=3", "auto.create.topics.enable=true", "offsets.topic.replication.factor=1",
						"offsets.topic.num.partitions=10", "transaction.state.log.replication.factor=1",
						"transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
						"share.coordinator.state.topic.min.isr=1", "group.initial.rebalance.delay.ms=0",
						"log.retention.hours=168"));
		int formatted = kafka.tools.StorageTool.execute(
				new String[] { "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted" }, System.out);
		if (formatted != 0) {
			throw new IllegalStateException("formatting the Kafka log directory failed: " + formatted);
		}
		kafka.Kafka.main(new String[] { config.toString() });
	}

}
