package org.ketaclinic.platform.inbox;

import org.ketaclinic.platform.events.MalformedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumers' error handler: an outage is not a poison message.
 * <ul>
 * <li>A {@linkplain TransientFailures transient} failure (database or broker unreachable,
 * a timeout, a lock) is retried without limit, the wait growing to
 * {@code ketaclinic.consumer.transient-max-backoff}; it is never dead-lettered, however
 * long the outage lasts.</li>
 * <li>Any other failure is retried {@code max-retries} times and then published to
 * {@code <topic>.DLT}; a {@link MalformedEventException} goes there at once.</li>
 * </ul>
 * While it waits the failed record is sought back and the listener container is paused
 * (not the consumer thread put to sleep), so the consumer keeps polling and stays in its
 * group however long the wait; the record is delivered again when the container resumes.
 * The pause covers the listener's whole container, every partition it reads: during an
 * outage they would all fail alike.
 */
public class OutageAwareErrorHandler extends DefaultErrorHandler implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OutageAwareErrorHandler.class);

	private final ThreadPoolTaskScheduler resumer;

	private final BackOff transientBackOff;

	public OutageAwareErrorHandler(ConsumerRecordRecoverer recoverer, ConsumerProperties settings) {
		this(recoverer, settings, scheduler());
	}

	private OutageAwareErrorHandler(ConsumerRecordRecoverer recoverer, ConsumerProperties settings,
			ThreadPoolTaskScheduler resumer) {
		super(recoverer, poisonBackOff(settings),
				new ContainerPausingBackOffHandler(new ListenerContainerPauseService(null, resumer)));
		this.resumer = resumer;
		this.transientBackOff = transientBackOff(settings);
		addNotRetryableExceptions(MalformedEventException.class);
		setBackOffFunction((record, failure) -> {
			if (failure != null && TransientFailures.isTransient(failure)) {
				log.warn("Event at {}-{}@{} failed transiently ({}); retrying without limit, never dead-lettered",
						record.topic(), record.partition(), record.offset(), failure.getClass().getName());
				return this.transientBackOff;
			}
			return null;
		});
	}

	private static BackOff poisonBackOff(ConsumerProperties settings) {
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(settings.maxRetries());
		backOff.setInitialInterval(settings.initialBackoff().toMillis());
		backOff.setMultiplier(settings.backoffMultiplier());
		backOff.setMaxInterval(settings.maxBackoff().toMillis());
		return backOff;
	}

	private static BackOff transientBackOff(ConsumerProperties settings) {
		ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(),
				settings.backoffMultiplier());
		backOff.setMaxInterval(settings.transientMaxBackoff().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		return backOff;
	}

	private static ThreadPoolTaskScheduler scheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("kafka-backoff-");
		scheduler.setDaemon(true);
		scheduler.setPoolSize(1);
		scheduler.initialize();
		return scheduler;
	}

	@Override
	public void destroy() {
		this.resumer.shutdown();
	}

}
