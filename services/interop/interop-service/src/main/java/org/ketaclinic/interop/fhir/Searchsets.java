package org.ketaclinic.interop.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;

/**
 * A search's answer, a {@code searchset} {@code Bundle}: the total matched, the links to
 * this page and the next, each resource with its full URL under the base.
 */
public final class Searchsets {

	private Searchsets() {
	}

	/**
	 * The links of a page.
	 *
	 * @param self the search as it was asked
	 * @param next the next page, or null on the last
	 */
	public record Links(String self, String next) {

		/** A search answered on one page. */
		public static Links single(String self) {
			return new Links(self, null);
		}

	}

	/**
	 * The bundle of a page of matches.
	 * @param total how many match in all
	 * @param resources this page's, each with its id set
	 * @param base the FHIR base, as in {@code https://clinic.example/fhir/r4}
	 * @param links this page's and the next
	 */
	public static Bundle of(int total, List<? extends Resource> resources, String base, Links links) {
		Bundle bundle = new Bundle();
		bundle.setType(BundleType.SEARCHSET);
		bundle.setTotal(total);
		bundle.addLink().setRelation("self").setUrl(links.self());
		if (links.next() != null) {
			bundle.addLink().setRelation("next").setUrl(links.next());
		}
		for (Resource resource : resources) {
			bundle.addEntry()
				.setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
				.setResource(resource)
				.getSearch()
				.setMode(SearchEntryMode.MATCH);
		}
		return bundle;
	}

}
