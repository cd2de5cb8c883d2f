package org.ketaclinic.interop.fhir;

import java.util.List;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's instance validator against the base R4 profiles (with FHIR's own code systems
 * and value sets): what every resource the service produces must pass. Built once per
 * test JVM (loading the profiles takes seconds).
 */
public final class FhirValidation {

	private static final FhirValidator VALIDATOR = Fhir.context()
		.newValidator()
		.registerValidatorModule(new FhirInstanceValidator(
				new ValidationSupportChain(new DefaultProfileValidationSupport(Fhir.context()),
						new InMemoryTerminologyServerValidationSupport(Fhir.context()),
						new CommonCodeSystemsTerminologyService(Fhir.context()))));

	private FhirValidation() {
	}

	/**
	 * The errors a resource has, as "location: message" lines; empty when it is valid.
	 */
	public static List<String> errors(IBaseResource resource) {
		// validated as it goes over the wire, not as the Java model holds it
		IBaseResource sent = Fhir.read(resource.getClass(), Fhir.json(resource));
		return VALIDATOR.validateWithResult(sent)
			.getMessages()
			.stream()
			.filter((message) -> message.getSeverity() == ResultSeverityEnum.ERROR
					|| message.getSeverity() == ResultSeverityEnum.FATAL)
			.map(FhirValidation::line)
			.toList();
	}

	private static String line(SingleValidationMessage message) {
		return message.getLocationString() + ": " + message.getMessage();
	}

}
