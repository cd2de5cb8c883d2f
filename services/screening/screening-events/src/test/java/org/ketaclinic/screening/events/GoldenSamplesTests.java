package org.ketaclinic.screening.events;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaclinic.events.EventType;
import org.ketaclinic.platform.events.EventSamples;
import org.ketaclinic.platform.events.EventSchemas;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every registered type's golden sample, the one consumers test against, agrees with its
 * schema and its record, and its record names the type, its patient and its subject.
 */
class GoldenSamplesTests {

	static Stream<Arguments> samples() {
		return ScreeningEvents.ALL.stream().map((type) -> arguments(type.name(), type.record()));
	}

	static List<EventType> types() {
		return ScreeningEvents.ALL;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("types")
	void eachSampleMatchesItsSchemaAndRecord(EventType type) {
		assertThat(EventSamples.contractProblems(type)).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void theSchemaRefusesASampleWithoutItsPatient(String type, Class<?> record) {
		ObjectNode broken = (ObjectNode) EventSamples.sample(type);
		broken.remove("patientId");
		assertThat(new EventSchemas().violations(type, broken))
			.anyMatch((violation) -> violation.contains("patientId"));
	}

}
