package org.ketaclinic.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.ketaclinic.intake.events.ClinicalSection;
import org.ketaclinic.platform.events.EventJson;
import org.ketaclinic.screening.criteria.ScreeningInput;
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
	public static ScreeningInput aTreatmentResistantAdult() {
		return with((section) -> {
		});
	}

	/** V01 with some answers changed. */
	public static ScreeningInput with(Consumer<ObjectNode> change) {
		return of(changed(change));
	}

	/** A vignette's input, as the rules read it. */
	public static ScreeningInput of(JsonNode node) {
		return EventJson.mapper().treeToValue(node, ScreeningInput.class);
	}

	/** V01 with some answers changed, as intake publishes it. */
	public static ClinicalSection clinicalWith(Consumer<ObjectNode> change) {
		return clinical(changed(change));
	}

	/** A vignette's input, as intake publishes it. */
	public static ClinicalSection clinical(JsonNode node) {
		return EventJson.mapper().treeToValue(node, ClinicalSection.class);
	}

	private static ObjectNode changed(Consumer<ObjectNode> change) {
		ObjectNode node = (ObjectNode) vignettes().get(0).get("input").deepCopy();
		change.accept(node);
		return node;
	}

}
