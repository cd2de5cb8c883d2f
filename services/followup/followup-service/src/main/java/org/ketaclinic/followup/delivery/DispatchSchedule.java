package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.ketaclinic.followup.FollowupProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@code ketaclinic.followup.delivery.workers} dispatch loops, each looking for due
 * messages every {@code ketaclinic.followup.delivery.poll-interval}; they share the work
 * through row locks as dispatchers of several instances do. Off with
 * {@code ketaclinic.followup.dispatcher.enabled=false} (tests drive the dispatcher by
 * hand). On shutdown the loops finish the delivery in hand (the dispatcher stops taking
 * more when the context closes) before the database pool goes.
 *
 * <p>
 * A pass that fails, with any {@link Throwable} (an {@link Error} too: a scheduled task
 * that throws is never run again), is logged and recorded, and the loop goes on; the
 * {@code dispatcher} health component ({@link DispatcherHealthIndicator}) reports the
 * failure and a loop that has not completed a pass for a while.
 */
@Component
@ConditionalOnProperty(name = "ketaclinic.followup.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
class DispatchSchedule implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DispatchSchedule.class);

	private final Runnable pass;

	private final FollowupProperties.Delivery settings;

	private final Clock clock;

	private final ScheduledExecutorService workers;

	private final AtomicLong failedPasses = new AtomicLong();

	private final AtomicLong consecutiveFailures = new AtomicLong();

	private volatile boolean running;

	private volatile Instant startedAt;

	private volatile Instant lastSuccess;

	private volatile Instant lastFailureAt;

	private volatile String lastFailure;

	@Autowired
	DispatchSchedule(Dispatcher dispatcher, FollowupProperties properties) {
		this(dispatcher::dispatchDue, properties.delivery(), Clock.systemUTC());
	}

	/**
	 * @param pass one dispatch pass
	 * @param settings poll interval and number of loops
	 * @param clock the clock of the health record (the real one; not the application's,
	 * which tests move)
	 */
	DispatchSchedule(Runnable pass, FollowupProperties.Delivery settings, Clock clock) {
		this.pass = pass;
		this.settings = settings;
		this.clock = clock;
		AtomicInteger number = new AtomicInteger();
		this.workers = Executors.newScheduledThreadPool(this.settings.workers(), (task) -> {
			Thread thread = new Thread(task, "dispatcher-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void start() {
		this.startedAt = this.clock.instant();
		long interval = this.settings.pollInterval().toMillis();
		for (int i = 0; i < this.settings.workers(); i++) {
			// staggered, so the loops do not all query at the same instant
			long first = interval + (interval * i / this.settings.workers());
			this.workers.scheduleWithFixedDelay(this::dispatch, first, interval, TimeUnit.MILLISECONDS);
		}
		this.running = true;
	}

	void dispatch() {
		try {
			this.pass.run();
			this.lastSuccess = this.clock.instant();
			this.consecutiveFailures.set(0);
		}
		catch (Throwable ex) {
			// Throwable, not only RuntimeException: whatever escapes this method ends the
			// loop for good. The next pass tries again.
			this.failedPasses.incrementAndGet();
			this.consecutiveFailures.incrementAndGet();
			this.lastFailureAt = this.clock.instant();
			this.lastFailure = ex.getClass().getName();
			log.error("A dispatch pass failed; the loop goes on: {}", ex.toString());
		}
	}

	/** What the loops have done so far, for the health indicator. */
	State state() {
		return new State(this.running, this.startedAt, this.lastSuccess, this.lastFailureAt, this.lastFailure,
				this.failedPasses.get(), this.consecutiveFailures.get(), this.settings.pollInterval());
	}

	@Override
	public void stop() {
		this.running = false;
		this.workers.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Waits for the passes under way, which end after the delivery in hand. */
	@Override
	public void destroy() throws InterruptedException {
		this.workers.shutdown();
		if (!this.workers.awaitTermination(30, TimeUnit.SECONDS)) {
			log.warn("Dispatch loops still busy after 30 s; leased deliveries are taken over after their lease");
			this.workers.shutdownNow();
		}
	}

	/**
	 * The loops' record.
	 *
	 * @param running whether the loops were started and not stopped
	 * @param startedAt when they started
	 * @param lastSuccess when a pass last completed, null if none has yet
	 * @param lastFailureAt when a pass last failed, null if none has
	 * @param lastFailure the class of what the last failed pass threw
	 * @param failedPasses passes failed since the start
	 * @param consecutiveFailures passes failed since the last that completed
	 * @param pollInterval the interval between two passes of a loop
	 */
	record State(boolean running, Instant startedAt, Instant lastSuccess, Instant lastFailureAt, String lastFailure,
			long failedPasses, long consecutiveFailures, Duration pollInterval) {
	}

}
