package org.ketaclinic.gatewaywebmvc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server of the session benchmark ({@code infra/load/gateway-sessions}):
 * the embedded PostgreSQL of the services' tests (zonky binaries from Maven Central),
 * started as its own process so that gateway's benchmark class needs no PostgreSQL
 * library. Prints {@code port=<port>}, runs until its standard input ends.
 */
public final class BenchmarkPostgres {

	private BenchmarkPostgres() {
	}

	public static void main(String[] args) throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start()) {
			System.out.println("port=" + postgres.getPort());
			System.out.flush();
			while (System.in.read() != -1) {
				// wait for the benchmark to end
			}
		}
	}

}
