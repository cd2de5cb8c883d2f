package org.ketaclinic.platform.web;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes idempotency records older than the retention, so what a command answered is not
 * kept longer than a client may retry it. Every replica runs it; deleting the same rows
 * twice is harmless.
 */
public class IdempotencyRecordPurge implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyRecordPurge.class);

	private final JdbcTemplate jdbc;

	private final IdempotencyProperties properties;

	private ScheduledExecutorService executor;

	public IdempotencyRecordPurge(JdbcTemplate jdbc, IdempotencyProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Deletes the expired records now.
	 * @return how many were deleted
	 */
	public int purge() {
		// the database's clock, which stamped the records
		return this.jdbc.update("DELETE FROM idempotency_record WHERE created_at < now() - make_interval(secs => ?)",
				(double) this.properties.retention().toSeconds());
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "idempotency-purge");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.properties.purgeInterval().toMillis();
		this.executor.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	private void purgeQuietly() {
		try {
			int deleted = purge();
			if (deleted > 0) {
				log.info("Deleted {} expired idempotency records", deleted);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Expired idempotency records not deleted this time: {}", ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
