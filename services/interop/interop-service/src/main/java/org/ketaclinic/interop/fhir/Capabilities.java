package org.ketaclinic.interop.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * The service's {@code CapabilityStatement} ({@code GET /fhir/r4/metadata}), built from
 * the list of what it really serves, so the statement and the controllers cannot tell
 * different stories (a test calls every interaction the statement names).
 */
public final class Capabilities {

	/**
	 * One resource type the service serves.
	 *
	 * @param type the FHIR resource type
	 * @param interactions what can be done with it
	 * @param searchParams the search parameters, as {@code name:type}
	 */
	public record Served(String type, List<TypeRestfulInteraction> interactions, List<String> searchParams) {

		public Served {
			interactions = List.copyOf(interactions);
			searchParams = List.copyOf(searchParams);
		}

	}

	/** What the service serves today (ADR 18 lists what comes with each slice). */
	public static final List<Served> SERVED = List.of(
			new Served("Patient", List.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE),
					List.of("family:string", "given:string", "birthdate:date")),
			new Served("Observation", List.of(TypeRestfulInteraction.SEARCHTYPE),
					List.of("subject:reference", "patient:reference", "code:token")),
			new Served("Appointment", List.of(TypeRestfulInteraction.SEARCHTYPE),
					List.of("patient:reference", "actor:reference")),
			new Served("Questionnaire", List.of(TypeRestfulInteraction.READ), List.of()),
			new Served("QuestionnaireResponse",
					List.of(TypeRestfulInteraction.CREATE, TypeRestfulInteraction.SEARCHTYPE),
					List.of("subject:reference", "patient:reference")));

	private Capabilities() {
	}

	/** The statement for these resources, as of the given software version. */
	public static CapabilityStatement statement(List<Served> served, String softwareVersion) {
		CapabilityStatement statement = new CapabilityStatement();
		statement.setId("ketaclinic");
		statement.setUrl("https://ketaclinic.org/fhir/CapabilityStatement/ketaclinic");
		statement.setName("KetaClinic");
		statement.setTitle("KetaClinic FHIR R4 interface");
		statement.setStatus(PublicationStatus.ACTIVE);
		statement.setDateElement(DateTimeType.now());
		statement.setPublisher("KetaClinic");
		statement.setKind(CapabilityStatementKind.INSTANCE);
		statement.getSoftware().setName("KetaClinic interop").setVersion(softwareVersion);
		statement.getImplementation().setDescription("KetaClinic: referrals in, the patient's course out");
		statement.setFhirVersion(FHIRVersion._4_0_1);
		statement.setFormat(List.of(new CodeType(Fhir.JSON), new CodeType("json")));
		CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
		rest.getSecurity()
			.setCors(false)
			.setDescription("OAuth 2 bearer tokens of the clinic's identity provider, with the same roles as the"
					+ " matching KetaClinic API");
		for (Served resource : served) {
			CapabilityStatementRestResourceComponent entry = rest.addResource().setType(resource.type());
			resource.interactions().forEach((interaction) -> entry.addInteraction().setCode(interaction));
			for (String parameter : resource.searchParams()) {
				String[] parts = parameter.split(":", 2);
				entry.addSearchParam().setName(parts[0]).setType(SearchParamType.fromCode(parts[1]));
			}
		}
		return statement;
	}

}
