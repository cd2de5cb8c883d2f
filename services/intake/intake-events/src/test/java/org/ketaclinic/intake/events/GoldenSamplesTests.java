package org.ketaclinic.intake.events;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ketaclinic.events.EventType;
import org.ketaclinic.platform.events.EventJson;
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
		return IntakeEvents.ALL.stream().map((type) -> arguments(type.name(), type.record()));
	}

	static List<EventType> types() {
		return IntakeEvents.ALL;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("types")
	void eachSampleMatchesItsSchemaAndRecord(EventType type) {
		assertThat(EventSamples.contractProblems(type)).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { EventTypes.INTAKE_SUBMITTED, EventTypes.INTAKE_AMENDED })
	void aClinicalSectionWithFieldsAddedLaterStillPassesAndMaps(String type) {
		ObjectNode newer = (ObjectNode) EventSamples.sample(type);
		((ObjectNode) newer.get("clinical")).put("someFieldAddedLater", 3);
		((ObjectNode) newer.get("clinical").get("cssrs")).put("q7AddedLater", false);
		newer.put("envelopeFieldAddedLater", "x");
		assertThat(new EventSchemas().violations(type, newer)).isEmpty();
		assertThat(EventJson.mapper()
			.treeToValue(newer,
					IntakeEvents.ALL.stream()
						.filter((known) -> known.name().equals(type))
						.findFirst()
						.orElseThrow()
						.record()))
			.isNotNull();
	}

	@org.junit.jupiter.api.Test
	void theBaselineForFollowUpCannotCarryTheClinicalSection() {
		ObjectNode withClinical = (ObjectNode) EventSamples.sample(EventTypes.PHQ9_BASELINE_RECORDED);
		withClinical.set("clinical", EventSamples.sample(EventTypes.INTAKE_SUBMITTED).get("clinical"));
		assertThat(new EventSchemas().violations(EventTypes.PHQ9_BASELINE_RECORDED, withClinical))
			.anyMatch((violation) -> violation.contains("clinical"));
	}

	@org.junit.jupiter.api.Test
	void theDemographicsForInteropCannotCarryContactOrTheClinicalSection() {
		ObjectNode withMore = (ObjectNode) EventSamples.sample(EventTypes.PATIENT_DEMOGRAPHICS_CHANGED);
		withMore.put("phone", "+15550100");
		withMore.set("clinical", EventSamples.sample(EventTypes.INTAKE_SUBMITTED).get("clinical"));
		assertThat(new EventSchemas().violations(EventTypes.PATIENT_DEMOGRAPHICS_CHANGED, withMore))
			.anyMatch((violation) -> violation.contains("phone"))
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
