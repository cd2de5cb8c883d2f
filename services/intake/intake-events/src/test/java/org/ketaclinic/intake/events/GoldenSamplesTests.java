package org.ketaclinic.intake.events;

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
		return Stream.of(arguments(EventTypes.INTAKE_SUBMITTED, IntakeSubmitted.class),
				arguments(EventTypes.INTAKE_AMENDED, IntakeAmended.class),
				arguments(EventTypes.INTAKE_WITHDRAWN, IntakeWithdrawn.class),
				arguments(EventTypes.PATIENT_CONTACT_CHANGED, PatientContactChanged.class),
				arguments(EventTypes.PHQ9_BASELINE_RECORDED, Phq9BaselineRecorded.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void eachSampleMatchesItsSchemaAndRecord(String type, Class<?> record) {
		assertThat(EventSamples.contractProblems(type, record)).isEmpty();
	}

	@org.junit.jupiter.api.Test
	void theBaselineForFollowUpCannotCarryTheClinicalSection() {
		ObjectNode withClinical = (ObjectNode) EventSamples.sample(EventTypes.PHQ9_BASELINE_RECORDED);
		withClinical.set("clinical", EventSamples.sample(EventTypes.INTAKE_SUBMITTED).get("clinical"));
		assertThat(new EventSchemas().violations(EventTypes.PHQ9_BASELINE_RECORDED, withClinical))
			.anyMatch((violation) -> violation.contains("clinical"));
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
