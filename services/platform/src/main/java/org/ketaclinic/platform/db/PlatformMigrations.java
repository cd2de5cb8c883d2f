package org.ketaclinic.platform.db;

import org.flywaydb.core.Flyway;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the platform's tables ({@code classpath:db/platform}, history in
 * {@code platform_schema_history}) before the service's own
 * ({@code classpath:db/migration}), so the two evolve with independent versions.
 */
public class PlatformMigrations implements FlywayMigrationStrategy {

	/** History table of the platform's migrations. */
	public static final String HISTORY_TABLE = "platform_schema_history";

	@Override
	public void migrate(Flyway flyway) {
		Flyway.configure(flyway.getConfiguration().getClassLoader())
			.dataSource(flyway.getConfiguration().getDataSource())
			.schemas(flyway.getConfiguration().getSchemas())
			.locations("classpath:db/platform")
			.table(HISTORY_TABLE)
			.load()
			.migrate();
		flyway.migrate();
	}

}
