package org.ketaclinic.scheduling.events;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaclinic.platform.events.EventSamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The golden samples consumers test against agree with the schemas and the records. */
class GoldenSamplesTests {

	static Stream<Arguments> samples() {
		return Stream.of(arguments(EventTypes.TREATMENT_PLAN_CREATED, TreatmentPlanCreated.class),
				arguments(EventTypes.SESSION_BOOKED, SessionBooked.class),
				arguments(EventTypes.SESSION_CANCELLED, SessionCancelled.class),
				arguments(EventTypes.SESSION_RESCHEDULED, SessionRescheduled.class),
				arguments(EventTypes.SESSION_MISSED, SessionMissed.class),
				arguments(EventTypes.SESSION_COMPLETED, SessionCompleted.class),
				arguments(EventTypes.BOOSTER_PROPOSED, BoosterProposed.class),
				arguments(EventTypes.SESSION_STATUS_CORRECTED, SessionStatusCorrected.class),
				arguments(EventTypes.PRE_DOSE_CONCERN_RAISED, PreDoseConcernRaised.class),
				arguments(EventTypes.TREATMENT_PLAN_STOPPED, TreatmentPlanStopped.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void eachSampleMatchesItsSchemaAndRecord(String type, Class<?> record) {
		assertThat(EventSamples.contractProblems(type, record)).isEmpty();
	}

}
