package org.ketaclinic.followup.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Whether each provider answers, as this instance's sends found it: the gauge
 * {@code ketaclinic.followup.channel.up} (tag {@code channel} = {@code SMS} or
 * {@code EMAIL}) is 1 while the provider answers, and 0 from an
 * {@link Channel.Outcome#UNAVAILABLE UNAVAILABLE} outcome until the next send on that
 * channel succeeds (a refusal of one message, {@code TRY_AGAIN} or {@code REJECTED},
 * changes nothing). The {@code dispatcher} health component shows the same in its
 * details. 1 at start: nothing has failed yet.
 */
@Component
class ChannelStates {

	static final List<String> CHANNELS = List.of("SMS", "EMAIL");

	private final Map<String, AtomicReference<State>> states = new LinkedHashMap<>();

	private final Clock clock;

	ChannelStates(MeterRegistry meters, Clock clock) {
		this.clock = clock;
		for (String channel : CHANNELS) {
			AtomicReference<State> state = new AtomicReference<>(new State(true, null, null));
			this.states.put(channel, state);
			Gauge.builder("ketaclinic.followup.channel.up", state, (held) -> held.get().up() ? 1 : 0)
				.tag("channel", channel)
				.description("1 while the channel's provider answers, 0 while it is unavailable")
				.register(meters);
		}
	}

	/** Notes what a send on a channel found. */
	void record(String channel, Channel.Result result) {
		AtomicReference<State> state = this.states.get(channel);
		if (state == null) {
			return;
		}
		switch (result.outcome()) {
			case SENT, DELIVERED -> state.updateAndGet((was) -> was.up() ? was : new State(true, now(), null));
			case UNAVAILABLE ->
				state.updateAndGet((was) -> new State(false, was.up() ? now() : was.since(), result.detail()));
			default -> {
				// the provider answered about this message: says nothing of the provider
			}
		}
	}

	/** Each channel's state, in the order SMS, EMAIL. */
	Map<String, State> states() {
		Map<String, State> now = new LinkedHashMap<>();
		this.states.forEach((channel, state) -> now.put(channel, state.get()));
		return now;
	}

	private Instant now() {
		return this.clock.instant();
	}

	/**
	 * A channel's state.
	 *
	 * @param up whether its provider answers
	 * @param since when it last changed, null if it has not since the start
	 * @param detail why it is unavailable (no patient data), null while it is up
	 */
	record State(boolean up, Instant since, String detail) {
	}

}
