package org.ketaclinic.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * One real Redis server per test JVM (the binary ships in the embedded-redis jar), on a
 * free port, without persistence; stopped when the JVM ends.
 */
final class TestRedis {

	private static RedisServer server;

	private static int port;

	private TestRedis() {
	}

	static synchronized int port() {
		if (server == null) {
			try {
				port = freePort();
				server = RedisServer.newRedisServer()
					.bind("127.0.0.1")
					.port(port)
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				server.start();
				RedisServer started = server;
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						started.stop();
					}
					catch (IOException ex) {
						// the JVM is ending anyway
					}
				}, "test-redis-stop"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return port;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
