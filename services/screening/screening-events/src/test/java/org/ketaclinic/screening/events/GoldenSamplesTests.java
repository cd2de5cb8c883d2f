package org.ketaclinic.screening.events;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaclinic.platform.events.EventSamples;
import org.ketaclinic.platform.events.EventSchemas;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The golden samples consumers test against agree with the schemas and the records. */
class GoldenSamplesTests {

	static Stream<Arguments> samples() {
		return Stream.of(arguments(EventTypes.SCREENING_ASSESSED, ScreeningAssessed.class),
				arguments(EventTypes.URGENT_REVIEW_REQUESTED, UrgentReviewRequested.class),
				arguments(EventTypes.SCREENING_DECIDED, ScreeningDecided.class),
				arguments(EventTypes.APPROVAL_WITHDRAWN, ApprovalWithdrawn.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void eachSampleMatchesItsSchemaAndRecord(String type, Class<?> record) {
		assertThat(EventSamples.contractProblems(type, record)).isEmpty();
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
