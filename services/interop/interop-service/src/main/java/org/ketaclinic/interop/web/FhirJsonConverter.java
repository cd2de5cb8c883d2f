package org.ketaclinic.interop.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.ketaclinic.interop.fhir.Fhir;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * FHIR resources in and out of Spring MVC as FHIR JSON, with HAPI's parser (not Jackson):
 * {@code application/fhir+json} first, plain {@code application/json} for clients that
 * ask for it.
 */
class FhirJsonConverter extends AbstractHttpMessageConverter<IBaseResource> {

	static final MediaType FHIR_JSON = MediaType.parseMediaType(Fhir.JSON);

	FhirJsonConverter() {
		super(StandardCharsets.UTF_8, FHIR_JSON, MediaType.APPLICATION_JSON);
	}

	@Override
	protected boolean supports(Class<?> type) {
		return IBaseResource.class.isAssignableFrom(type);
	}

	@Override
	protected IBaseResource readInternal(Class<? extends IBaseResource> type, HttpInputMessage input)
			throws IOException {
		String body = new String(input.getBody().readAllBytes(), StandardCharsets.UTF_8);
		try {
			return Fhir.read(type, body);
		}
		catch (RuntimeException ex) {
			throw new HttpMessageNotReadableException("not a FHIR " + type.getSimpleName() + " in JSON", input);
		}
	}

	@Override
	protected void writeInternal(IBaseResource resource, HttpOutputMessage output) throws IOException {
		output.getBody().write(Fhir.json(resource).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public List<MediaType> getSupportedMediaTypes(Class<?> type) {
		return supports(type) ? List.of(FHIR_JSON, MediaType.APPLICATION_JSON) : List.of();
	}

}
