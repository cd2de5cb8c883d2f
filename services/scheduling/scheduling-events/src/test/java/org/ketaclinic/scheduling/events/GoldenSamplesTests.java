package org.ketaclinic.scheduling.events;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaclinic.events.EventType;
import org.ketaclinic.platform.events.EventSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered type's golden sample, the one consumers test against, agrees with its
 * schema and its record, and its record names the type, its patient and its subject.
 */
class GoldenSamplesTests {

	static List<EventType> types() {
		return SchedulingEvents.ALL;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("types")
	void eachSampleMatchesItsSchemaAndRecord(EventType type) {
		assertThat(EventSamples.contractProblems(type)).isEmpty();
	}

}
