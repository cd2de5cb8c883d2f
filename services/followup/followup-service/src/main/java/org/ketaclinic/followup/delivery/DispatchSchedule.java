package org.ketaclinic.followup.delivery;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ketaclinic.followup.FollowupProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
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
 */
@Component
@ConditionalOnProperty(name = "ketaclinic.followup.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
class DispatchSchedule implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DispatchSchedule.class);

	private final Dispatcher dispatcher;

	private final FollowupProperties.Delivery settings;

	private final ScheduledExecutorService workers;

	private volatile boolean running;

	DispatchSchedule(Dispatcher dispatcher, FollowupProperties properties) {
		this.dispatcher = dispatcher;
		this.settings = properties.delivery();
		AtomicInteger number = new AtomicInteger();
		this.workers = Executors.newScheduledThreadPool(this.settings.workers(), (task) -> {
			Thread thread = new Thread(task, "dispatcher-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void start() {
		long interval = this.settings.pollInterval().toMillis();
		for (int i = 0; i < this.settings.workers(); i++) {
			// staggered, so the loops do not all query at the same instant
			long first = interval + (interval * i / this.settings.workers());
			this.workers.scheduleWithFixedDelay(this::dispatch, first, interval, TimeUnit.MILLISECONDS);
		}
		this.running = true;
	}

	private void dispatch() {
		try {
			this.dispatcher.dispatchDue();
		}
		catch (RuntimeException ex) {
			// the next pass tries again; a failed pass must not end the loop
			log.warn("A dispatch pass failed: {}", ex.toString());
		}
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

}
