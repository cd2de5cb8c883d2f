package org.ketaclinic.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.platform.events.EventJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Test fixtures: clinical sections as intake publishes them. */
public final class Sections {

	private Sections() {
	}

	/** The worked vignettes of the criteria. */
	public static List<JsonNode> vignettes() {
		try (InputStream in = Sections.class.getResourceAsStream("/screening-vignettes.json")) {
			List<JsonNode> all = new ArrayList<>();
			EventJson.mapper().readTree(in).forEach(all::add);
			return all;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** V01: a treatment-resistant adult with no risk factors. */
	public static ClinicalSection aTreatmentResistantAdult() {
		return with((section) -> {
		});
	}

	/** V01 with some answers changed. */
	public static ClinicalSection with(Consumer<ObjectNode> change) {
		ObjectNode node = (ObjectNode) vignettes().get(0).get("input").deepCopy();
		change.accept(node);
		return of(node);
	}

	public static ClinicalSection of(JsonNode node) {
		return EventJson.mapper().treeToValue(node, ClinicalSection.class);
	}

}
