package org.ketaclinic.followup.alert;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.ketaclinic.followup.FollowupProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Escalates unacknowledged urgent alerts every
 * {@code ketaclinic.followup.paging.poll-interval}. Its state is in the database, so it
 * picks up where it was after a restart, and instances share it through row locks. Off
 * with the dispatcher ({@code ketaclinic.followup.dispatcher.enabled=false}: tests drive
 * both by hand).
 */
@Component
@ConditionalOnProperty(name = "ketaclinic.followup.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
class EscalationSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EscalationSchedule.class);

	private final Paging paging;

	private final long intervalMillis;

	private ScheduledExecutorService loop;

	private volatile boolean running;

	EscalationSchedule(Paging paging, FollowupProperties properties) {
		this.paging = paging;
		this.intervalMillis = properties.paging().pollInterval().toMillis();
	}

	@Override
	public synchronized void start() {
		this.loop = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "paging-escalation");
			thread.setDaemon(true);
			return thread;
		});
		this.loop.scheduleWithFixedDelay(this::escalate, this.intervalMillis, this.intervalMillis,
				TimeUnit.MILLISECONDS);
		this.running = true;
	}

	private void escalate() {
		try {
			this.paging.escalateDue();
		}
		catch (RuntimeException ex) {
			// the next pass tries again; a failed pass must not end the loop
			log.warn("An escalation pass failed: {}", ex.toString());
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.loop != null) {
			this.loop.shutdown();
			try {
				this.loop.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
