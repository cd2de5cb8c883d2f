package org.ketaclinic.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Kafka node in KRaft mode (combined broker and controller), with its log in a
 * folder that survives restarts: alone, or one of a cluster of three on one machine.
 *
 * <p>
 * Arguments: node id, client port, controller port, data directory, cluster id, the
 * controller quorum ({@code 1@localhost:9093,...}) and the replication factor. With a
 * replication factor of 3 every topic, internal ones included, keeps three copies and
 * takes a write only when two are in sync ({@code min.insync.replicas=2}, producers use
 * {@code acks=all}), so the cluster loses nothing when one node dies, and goes on.
 */
public final class KafkaServer {

	private KafkaServer() {
	}

	public static void main(String[] args) throws IOException {
		int nodeId = Integer.parseInt(args[0]);
		int port = Integer.parseInt(args[1]);
		int controllerPort = Integer.parseInt(args[2]);
		Path data = Path.of(args[3]).toAbsolutePath();
		String clusterId = args[4];
		String voters = args[5];
		int replicas = Integer.parseInt(args[6]);
		int minInSync = (replicas >= 3) ? 2 : 1;
		Path logs = data.resolve("log");
		Files.createDirectories(logs);
		Path config = data.resolve("server.properties");
		List<String> settings = new ArrayList<>(
				List.of("process.roles=broker,controller", "node.id=" + nodeId, "controller.quorum.voters=" + voters,
						"listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
						"advertised.listeners=PLAINTEXT://localhost:" + port, "controller.listener.names=CONTROLLER",
						"inter.broker.listener.name=PLAINTEXT",
						"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT", "log.dirs=" + logs,
						"num.partitions=3", "auto.create.topics.enable=true", "default.replication.factor=" + replicas,
						"min.insync.replicas=" + minInSync, "offsets.topic.replication.factor=" + replicas,
						"offsets.topic.num.partitions=10", "transaction.state.log.replication.factor=" + replicas,
						"transaction.state.log.min.isr=" + minInSync,
						"share.coordinator.state.topic.replication.factor=" + replicas,
						"share.coordinator.state.topic.min.isr=" + minInSync, "group.initial.rebalance.delay.ms=0",
						"log.retention.hours=168"));
		if (replicas > 1) {
			// a restarted node catches up before it leads again; an unclean leader
			// would lose acknowledged writes
			settings.addAll(List.of("unclean.leader.election.enable=false", "auto.leader.rebalance.enable=true"));
		}
		Files.write(config, settings);
		int formatted = kafka.tools.StorageTool.execute(
				new String[] { "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted" }, System.out);
		if (formatted != 0) {
			throw new IllegalStateException("formatting the Kafka log directory failed: " + formatted);
		}
		kafka.Kafka.main(new String[] { config.toString() });
	}

}
