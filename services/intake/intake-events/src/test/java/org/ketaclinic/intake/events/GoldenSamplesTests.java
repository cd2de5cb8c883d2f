package org.ketaclinic.intake.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSchemas;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The golden samples shipped with this module are what consumers test against: each
 * validates against its schema, maps onto its record, and maps back to the same JSON.
 */
class GoldenSamplesTests {

	static Stream<Arguments> samples() {
		return Stream.of(arguments(EventTypes.INTAKE_SUBMITTED, IntakeSubmitted.class),
				arguments(EventTypes.INTAKE_AMENDED, IntakeAmended.class),
				arguments(EventTypes.INTAKE_WITHDRAWN, IntakeWithdrawn.class),
				arguments(EventTypes.PATIENT_CONTACT_CHANGED, PatientContactChanged.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void eachSampleMatchesItsSchemaAndRecord(String type, Class<?> record) throws IOException {
		JsonNode sample = sample(type);
		assertThat(new EventSchemas().violations(type, sample)).isEmpty();
		Object event = EventJson.mapper().treeToValue(sample, record);
		JsonNode roundTrip = EventJson.mapper().valueToTree(event);
		assertThat(roundTrip.equals(GoldenSamplesTests::sameValue, sample)).as("%s maps back to %s", roundTrip, sample)
			.isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void theSchemaRefusesASampleWithoutItsPatient(String type, Class<?> record) throws IOException {
		var broken = (tools.jackson.databind.node.ObjectNode) sample(type);
		broken.remove("patientId");
		assertThat(new EventSchemas().violations(type, broken))
			.anyMatch((violation) -> violation.contains("patientId"));
	}

	/**
	 * Numbers compare by value (a decimal 0 equals an integer 0); everything else as
	 * usual.
	 */
	private static int sameValue(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue());
		}
		return a.equals(b) ? 0 : 1;
	}

	static JsonNode sample(String type) throws IOException {
		String name = type.substring("org.ketaclinic.intake.".length());
		try (InputStream in = GoldenSamplesTests.class.getResourceAsStream("/samples/" + name + ".json")) {
			return EventJson.mapper().readTree(in);
		}
	}

}
