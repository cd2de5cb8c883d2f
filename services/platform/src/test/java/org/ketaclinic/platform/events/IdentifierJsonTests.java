package org.ketaclinic.platform.events;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketaclinic.events.Identifier;
import org.ketaclinic.events.PatientId;
import org.ketaclinic.events.SessionId;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Typed ids keep the wire format the events had with plain UUIDs (ADR 17): a consumer
 * built before them reads what a producer with them writes, and the other way round.
 */
class IdentifierJsonTests {

	record Example(PatientId patientId, SessionId sessionId, List<SessionId> cancelled, String note) {
	}

	record Untyped(UUID patientId, UUID sessionId, List<UUID> cancelled, String note) {
	}

	private final JsonMapper mapper = EventJson.mapper();

	private final UUID patient = UUID.fromString("7d4b7a44-1c62-4f43-9c8e-5a1f0e2c9b10");

	private final UUID session = UUID.fromString("0b1f9e9e-3c1a-4d8e-8f55-2a4c1d5e6f70");

	@Test
	void anIdIsWrittenAsItsPlainUuid() {
		String json = this.mapper.writeValueAsString(new Example(new PatientId(this.patient),
				new SessionId(this.session), List.of(new SessionId(this.session)), "x"));

		assertThat(json).isEqualTo("{\"patientId\":\"" + this.patient + "\",\"sessionId\":\"" + this.session
				+ "\",\"cancelled\":[\"" + this.session + "\"],\"note\":\"x\"}");
		assertThat(json).isEqualTo(
				this.mapper.writeValueAsString(new Untyped(this.patient, this.session, List.of(this.session), "x")));
	}

	@Test
	void whatAnUntypedProducerWroteIsReadAsTypedIds() {
		String json = this.mapper
			.writeValueAsString(new Untyped(this.patient, null, List.of(this.session, this.patient), "x"));

		Example read = this.mapper.readValue(json, Example.class);

		assertThat(read.patientId()).isEqualTo(new PatientId(this.patient));
		assertThat(read.sessionId()).as("an absent id stays absent").isNull();
		assertThat(read.cancelled()).extracting(Identifier::value).containsExactly(this.session, this.patient);
		assertThat(this.mapper.readValue(this.mapper.writeValueAsString(read), Untyped.class).patientId())
			.isEqualTo(this.patient);
	}

	@Test
	void somethingThatIsNoUuidIsRefusedNamingTheField() {
		assertThatThrownBy(() -> this.mapper.readValue("{\"patientId\":\"not-a-uuid\"}", Example.class))
			.isInstanceOf(DatabindException.class)
			.hasMessageContaining("patientId");
	}

	@Test
	void anIdAlwaysHasAValueAndPrintsAsItsUuid() {
		assertThatThrownBy(() -> new PatientId(null)).hasMessageContaining("PatientId needs a value");
		assertThat(new SessionId(this.session)).hasToString(this.session.toString());
		assertThat(Identifier.ofNullable(null, SessionId::new)).isNull();
		assertThat(Identifier.ofNullable(this.session, SessionId::new)).isEqualTo(new SessionId(this.session));
	}

}
