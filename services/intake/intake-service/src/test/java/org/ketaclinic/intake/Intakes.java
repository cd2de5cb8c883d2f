package org.ketaclinic.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ketaclinic.platform.events.EventJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test fixtures: intake requests as a front desk would send them, and the worked
 * vignettes.
 */
public final class Intakes {

	private Intakes() {
	}

	/** The worked vignettes of the criteria: id, input and expected outcome. */
	public static List<JsonNode> vignettes() {
		try (InputStream in = Intakes.class.getResourceAsStream("/screening-vignettes.json")) {
			List<JsonNode> vignettes = new ArrayList<>();
			EventJson.mapper().readTree(in).forEach(vignettes::add);
			return vignettes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The clinical section of the clean baseline vignette (V01). */
	public static ObjectNode aTreatmentResistantAdult() {
		return (ObjectNode) vignettes().get(0).get("input").deepCopy();
	}

	/**
	 * A date of birth that makes someone {@code age} today in New York, whatever today
	 * is.
	 */
	public static LocalDate bornYearsAgo(int age) {
		return LocalDate.now(ZoneId.of("America/New_York")).minusYears(age).minusDays(30);
	}

	/** A new-patient submission with a unique name, phone and email. */
	public static ObjectNode newSubmission(JsonNode clinical) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		int age = clinical.has("ageYears") && clinical.get("ageYears").isInt() ? clinical.get("ageYears").asInt() : 40;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patient", Map.of("givenName", "Ada" + unique, "familyName", "Rivera" + unique, "dateOfBirth",
				bornYearsAgo(age).toString()));
		body.put("contact", Map.of("phone", "+1555" + (1_000_000 + Math.abs(unique.hashCode() % 8_999_999)), "email",
				"ada." + unique + "@example.org", "preferredChannel", "SMS", "timeZone", "America/New_York"));
		body.put("consents", Map.of("treatment", true, "sms", true, "email", true, "textVersion", "2026-01"));
		ObjectNode node = EventJson.mapper().valueToTree(body);
		node.set("clinical", clinical);
		return node;
	}

	public static String json(JsonNode node) {
		return EventJson.mapper().writeValueAsString(node);
	}

}
