package org.ketaclinic.interop.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * FHIR R4 as the service speaks it: HAPI's model and JSON parser, one context for the
 * whole service (it is expensive to build and thread-safe), a parser for each use (they
 * are cheap and not thread-safe).
 */
public final class Fhir {

	/** The media type of FHIR's JSON. */
	public static final String JSON = "application/fhir+json";

	/** The FHIR version every resource is written in. */
	public static final String VERSION = "4.0.1";

	private static final FhirContext R4 = FhirContext.forR4Cached();

	private Fhir() {
	}

	/** The R4 context. */
	public static FhirContext context() {
		return R4;
	}

	/** A resource as FHIR JSON. */
	public static String json(IBaseResource resource) {
		return parser().encodeResourceToString(resource);
	}

	/**
	 * A resource read from FHIR JSON.
	 * @throws ca.uhn.fhir.parser.DataFormatException when the text is not a resource of
	 * that type
	 */
	public static <R extends IBaseResource> R read(Class<R> type, String json) {
		return parser().parseResource(type, json);
	}

	private static IParser parser() {
		return R4.newJsonParser().setStripVersionsFromReferences(false);
	}

}
