package org.ketaclinic.interop.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.FhirValidation;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.platform.events.EventSamples;
import org.ketaclinic.platform.test.TestTokens;
import org.ketaclinic.scheduling.events.EventTypes;
import org.ketaclinic.scheduling.events.Topics;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A patient's sessions as FHIR Appointments, from scheduling's own events (their golden
 * samples, with this test's ids): booked, rescheduled, cancelled with why, completed,
 * missed and corrected back, each valid R4; an older version replayed changes no status;
 * for the caller's clinics only, every search audited.
 */
class AppointmentsIT extends InteropIntegrationTest {

	private static final String FRONT_DESK = TestTokens.bearer("desk-1", "FRONT_DESK");

	@Test
	void everySessionIsAValidAppointmentInTheStatusItsEventsLeftIt() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID rescheduled = UUID.randomUUID();
		UUID cancelled = UUID.randomUUID();
		UUID completed = UUID.randomUUID();
		UUID corrected = UUID.randomUUID();
		booked(patient, rescheduled, 1, "2026-11-30T09:00:00-05:00");
		send(patient, EventTypes.SESSION_RESCHEDULED, rescheduled, 2, Map.of());
		booked(patient, cancelled, 2, "2026-12-02T09:00:00-05:00");
		send(patient, EventTypes.SESSION_CANCELLED, cancelled, 2, Map.of("startsAt", "2026-12-02T09:00:00-05:00"));
		booked(patient, completed, 3, "2026-12-04T09:00:00-05:00");
		send(patient, EventTypes.SESSION_COMPLETED, completed, 2, Map.of("sequence", 3));
		booked(patient, corrected, 4, "2026-12-07T09:00:00-05:00");
		send(patient, EventTypes.SESSION_MISSED, corrected, 2, Map.of("startsAt", "2026-12-07T09:00:00-05:00"));
		send(patient, EventTypes.SESSION_STATUS_CORRECTED, corrected, 3,
				Map.of("startsAt", "2026-12-07T09:00:00-05:00", "endsAt", "2026-12-07T11:00:00-05:00"));
		awaitVersion(corrected, 3);
		awaitVersion(completed, 2);

		Bundle bundle = search("patient=Patient/" + patient, FRONT_DESK);
		assertThat(FhirValidation.errors(bundle)).isEmpty();
		Map<String, Appointment> byId = bundle.getEntry()
			.stream()
			.map((entry) -> (Appointment) entry.getResource())
			.collect(Collectors.toMap((appointment) -> appointment.getIdElement().getIdPart(), (a) -> a));
		assertThat(byId).hasSize(4);
		byId.values().forEach((appointment) -> {
			assertThat(FhirValidation.errors(appointment)).isEmpty();
			assertThat(appointment.getParticipantFirstRep().getActor().getReference()).isEqualTo("Patient/" + patient);
		});
		Appointment moved = byId.get(rescheduled.toString());
		assertThat(moved.getStatus()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(moved.getStart().toInstant()).isEqualTo(Instant.parse("2026-12-01T18:30:00Z"));
		assertThat(moved.getEnd().toInstant()).isEqualTo(Instant.parse("2026-12-01T20:30:00Z"));
		assertThat(byId.get(cancelled.toString()).getStatus()).isEqualTo(AppointmentStatus.CANCELLED);
		assertThat(byId.get(cancelled.toString()).getCancelationReason().getText()).isEqualTo("Patient request");
		Appointment fulfilled = byId.get(completed.toString());
		assertThat(fulfilled.getStatus()).isEqualTo(AppointmentStatus.FULFILLED);
		assertThat(fulfilled.getStart()).as("the booked time stays").isNotNull();
		assertThat(fulfilled.getDescription()).isEqualTo("IV ketamine session 3 of the patient's plan");
		assertThat(byId.get(corrected.toString()).getStatus()).as("missed, then corrected back to booked")
			.isEqualTo(AppointmentStatus.BOOKED);
		assertThat(bundle.getEntry()).extracting((entry) -> entry.getResource().getIdElement().getIdPart())
			.as("by start")
			.containsExactly(rescheduled.toString(), cancelled.toString(), completed.toString(), corrected.toString());
	}

	@Test
	void anOlderEventReplayedChangesNoStatusButAnEventWithoutAVersionApplies() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID session = UUID.randomUUID();
		booked(patient, session, 1, "2026-11-30T09:00:00-05:00");
		send(patient, EventTypes.SESSION_CANCELLED, session, 2, Map.of());
		awaitVersion(session, 2);
		booked(patient, session, 1, "2026-11-30T09:00:00-05:00");
		UUID later = UUID.randomUUID();
		booked(patient, later, 1, "2026-12-30T09:00:00-05:00");
		awaitVersion(later, 1);

		assertThat(status(search("patient=Patient/" + patient, FRONT_DESK), session))
			.as("the replayed booking does not undo the cancellation")
			.isEqualTo(AppointmentStatus.CANCELLED);

		ObjectNode unversioned = sample(EventTypes.SESSION_MISSED, patient, session, null);
		send(patient, EventTypes.SESSION_MISSED, unversioned);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "MISSED".equals(this.jdbc.queryForObject("SELECT status FROM appointment WHERE session_id = ?",
					String.class, session)));
		assertThat(status(search("actor=Patient/" + patient, FRONT_DESK), session)).isEqualTo(AppointmentStatus.NOSHOW);
	}

	@Test
	void onlyTheCallersClinicsSeeTheSessionsAndEverySearchIsAudited() throws Exception {
		UUID patient = UUID.randomUUID();
		UUID session = UUID.randomUUID();
		booked(patient, session, 1, "2026-11-30T09:00:00-05:00");
		awaitVersion(session, 1);

		assertThat(search("patient=Patient/" + patient,
				TestTokens.bearerForClinics(List.of("lakeside"), "desk-2", "FRONT_DESK"))
			.getTotal()).isZero();
		assertThat(search("patient=Patient/" + patient, TestTokens.bearer("clinician-1", "CLINICIAN")).getTotal())
			.isEqualTo(1);
		assertThat(get("/fhir/r4/Appointment?patient=Patient/" + patient, TestTokens.bearer("admin-1", "ADMIN"))
			.statusCode()).isEqualTo(403);
		assertThat(this.jdbc
			.queryForList("SELECT coalesce(clinic_id, '-') FROM audit_event WHERE action = 'FHIR_APPOINTMENTS_READ'"
					+ " AND patient_id = ? ORDER BY id", String.class, patient))
			.containsExactly("-", "main");
		HttpResponse<String> without = get("/fhir/r4/Appointment", FRONT_DESK);
		assertThat(without.statusCode()).isEqualTo(400);
		assertThat(
				Fhir.read(OperationOutcome.class, without.body()).getIssueFirstRep().getExpression().get(0).getValue())
			.isEqualTo("patient");
	}

	private void booked(UUID patient, UUID session, int sequence, String startsAt) {
		ObjectNode data = sample(EventTypes.SESSION_BOOKED, patient, session, 1L);
		data.put("sequence", sequence).put("startsAt", startsAt);
		// with its seconds, as RFC 3339 (the events' schemas) wants them
		data.put("endsAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.parse(startsAt).plusHours(2)));
		send(patient, EventTypes.SESSION_BOOKED, data);
	}

	private void send(UUID patient, String type, UUID session, long version, Map<String, Object> fields) {
		ObjectNode data = sample(type, patient, session, version);
		fields.forEach((name, value) -> data.set(name, EventJson.mapper().valueToTree(value)));
		send(patient, type, data);
	}

	private static ObjectNode sample(String type, UUID patient, UUID session, Long version) {
		ObjectNode data = (ObjectNode) EventSamples.sample(type);
		data.put("patientId", patient.toString()).put("sessionId", session.toString());
		if (version != null) {
			data.put("sessionVersion", version);
		}
		else {
			data.remove("sessionVersion");
		}
		return data;
	}

	private void send(UUID patient, String type, ObjectNode data) {
		FhirApi.send(this.kafka, Topics.SCHEDULING, patient, "/ketaclinic/scheduling", type, data);
	}

	private void awaitVersion(UUID session, long version) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.jdbc
				.queryForList("SELECT 1 FROM appointment WHERE session_id = ? AND session_version >= ?", session,
						version)
				.isEmpty());
	}

	private static AppointmentStatus status(Bundle bundle, UUID session) {
		return bundle.getEntry()
			.stream()
			.map((entry) -> (Appointment) entry.getResource())
			.filter((appointment) -> appointment.getIdElement().getIdPart().equals(session.toString()))
			.findFirst()
			.orElseThrow()
			.getStatus();
	}

	private Bundle search(String query, String bearer) throws Exception {
		return new FhirApi(this.port).search("/fhir/r4/Appointment?" + query, bearer);
	}

	private HttpResponse<String> get(String path, String bearer) throws Exception {
		return new FhirApi(this.port).get(path, bearer);
	}

}
