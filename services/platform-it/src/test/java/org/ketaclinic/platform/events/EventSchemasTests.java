package org.ketaclinic.platform.events;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemasTests {

	private final EventSchemas schemas = new EventSchemas();

	@Test
	void findsTheSchemaOfATypeByTheEventsModuleConvention() {
		assertThat(EventSchemas.schemaResource("org.ketaclinic.intake.IntakeSubmitted.v1"))
			.isEqualTo("schemas/IntakeSubmitted.v1.json");
		assertThat(this.schemas.hasSchema("org.ketaclinic.proof.ProofEvent.v1")).isTrue();
		assertThat(this.schemas.hasSchema("org.ketaclinic.proof.Unknown.v1")).isFalse();
	}

	@Test
	void namesEachViolationByPathAndKeywordWithoutTheValue() {
		var data = EventJson.mapper().valueToTree(Map.of("orderId", "Ada Rivera, born 1984-03-02", "sequence", -1));
		assertThat(this.schemas.violations("org.ketaclinic.proof.ProofEvent.v1", data))
			.containsExactlyInAnyOrder("/orderId: format", "/sequence: minimum")
			.noneMatch((violation) -> violation.contains("Ada"));
	}

	@Test
	void validDataAndUnknownTypesPass() {
		var data = EventJson.mapper()
			.valueToTree(Map.of("orderId", "5b0c8c2e-3c55-4d8a-9d0e-8a0f3f1b2c3d", "sequence", 0));
		assertThat(this.schemas.violations("org.ketaclinic.proof.ProofEvent.v1", data)).isEmpty();
		assertThat(this.schemas.violations("org.ketaclinic.proof.Unknown.v1", data)).isEmpty();
		assertThatThrownBy(() -> this.schemas.check("org.ketaclinic.proof.ProofEvent.v1",
				EventJson.mapper().valueToTree(Map.of("sequence", 1))))
			.isInstanceOf(MalformedEventException.class)
			.hasMessageContaining("orderId");
	}

}
