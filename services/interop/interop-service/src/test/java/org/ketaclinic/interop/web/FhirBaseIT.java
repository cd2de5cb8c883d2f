package org.ketaclinic.interop.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;
import org.ketaclinic.interop.fhir.Fhir;
import org.ketaclinic.interop.fhir.FhirValidation;
import org.ketaclinic.interop.fhir.IntakeQuestionnaire;
import org.ketaclinic.interop.patient.Patients;
import org.ketaclinic.platform.test.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FHIR base as a referring system meets it: the capability statement says what is
 * served and every read it names answers; the intake form for those who may refer; FHIR
 * JSON whatever JSON is asked for; an unknown resource is a FHIR not-found.
 */
class FhirBaseIT extends InteropIntegrationTest {

	private static final String FRONT_DESK = TestTokens.bearer("frontdesk-1", "FRONT_DESK");

	@Autowired
	Patients patients;

	@Test
	void theCapabilityStatementIsValidR4AndEveryReadItNamesIsServed() throws Exception {
		HttpResponse<String> metadata = get("/fhir/r4/metadata", FRONT_DESK, Fhir.JSON);
		assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(200);
		assertThat(metadata.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith(Fhir.JSON));
		CapabilityStatement statement = Fhir.read(CapabilityStatement.class, metadata.body());
		assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
		assertThat(FhirValidation.errors(statement)).isEmpty();

		assertThat(statement.getRestFirstRep().getResource()).isNotEmpty();
		String staff = TestTokens.bearer("staff-1", "FRONT_DESK", "CLINICIAN");
		for (CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep().getResource()) {
			for (ResourceInteractionComponent interaction : resource.getInteraction()) {
				if (interaction.getCode() == TypeRestfulInteraction.CREATE) {
					// served: an empty resource of the type is refused for its content
					String path = "/fhir/r4/" + resource.getType();
					HttpResponse<String> created = new FhirApi(this.port).post(path,
							"{\"resourceType\":\"" + resource.getType() + "\"}", staff);
					assertThat(created.statusCode()).as(path).isEqualTo(422);
					assertThat(Fhir.read(OperationOutcome.class, created.body()).getIssue()).isNotEmpty();
					continue;
				}
				String path = switch (interaction.getCode()) {
					case READ -> "/fhir/r4/" + resource.getType() + "/" + knownId(resource.getType());
					case SEARCHTYPE -> "/fhir/r4/" + resource.getType() + "?"
							+ resource.getSearchParamFirstRep().getName() + "=Patient/" + UUID.randomUUID();
					default -> throw new AssertionError("no check for " + interaction.getCode());
				};
				assertThat(get(path, staff, Fhir.JSON).statusCode()).as(path).isEqualTo(200);
			}
		}
	}

	private String knownId(String type) {
		return switch (type) {
			case "Questionnaire" -> IntakeQuestionnaire.ID;
			case "Patient" -> {
				UUID patient = UUID.randomUUID();
				this.patients.recordDemographics(patient, "main", "Known", "Patient", LocalDate.of(1980, 1, 2),
						Instant.now());
				yield patient.toString();
			}
			default -> throw new AssertionError("no known id of a " + type);
		};
	}

	@Test
	void theIntakeFormIsServedToThoseWhoMayReferAsFhirJsonEvenWhenPlainJsonIsAskedFor() throws Exception {
		HttpResponse<String> form = get("/fhir/r4/Questionnaire/ketaclinic-intake",
				TestTokens.bearer("clinician-1", "CLINICIAN"), "application/json");
		assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
		Questionnaire questionnaire = Fhir.read(Questionnaire.class, form.body());
		assertThat(questionnaire.getUrl()).isEqualTo(IntakeQuestionnaire.URL);
		assertThat(form.body()).contains("\"resourceType\":\"Questionnaire\"")
			.contains("\"linkId\":\"patient.givenName\"");
	}

	@Test
	void anUnknownFormIsAFhirNotFound() throws Exception {
		HttpResponse<String> missing = get("/fhir/r4/Questionnaire/no-such-form", FRONT_DESK, Fhir.JSON);
		assertThat(missing.statusCode()).isEqualTo(404);
		OperationOutcome outcome = Fhir.read(OperationOutcome.class, missing.body());
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
	}

	@Test
	void nobodyReadsWithoutATokenAndOnlyReferringRolesReadTheForm() throws Exception {
		assertThat(get("/fhir/r4/metadata", null, Fhir.JSON).statusCode()).isEqualTo(401);
		assertThat(get("/fhir/r4/Questionnaire/ketaclinic-intake", null, Fhir.JSON).statusCode()).isEqualTo(401);
		assertThat(get("/fhir/r4/Questionnaire/ketaclinic-intake", TestTokens.bearer("admin-1", "ADMIN"), Fhir.JSON)
			.statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> get(String path, String bearer, String accept) throws Exception {
		return new FhirApi(this.port).get(path, bearer, accept);
	}

}
