package org.ketaclinic.acceptance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A referral as a referring clinician's system makes it: it reads the clinic's intake
 * form ({@code GET /fhir/r4/Questionnaire/ketaclinic-intake}) and answers each item the
 * referral has, typed as the form says, in a {@code QuestionnaireResponse}.
 */
final class FhirReferral {

	private FhirReferral() {
	}

	/**
	 * The response to the form that says what the referral says.
	 * @param form the published {@code Questionnaire}
	 * @param referral the referral as intake's body (field path → value)
	 */
	static Map<String, Object> response(JsonNode form, Map<String, Object> referral) {
		Map<String, JsonNode> items = new LinkedHashMap<>();
		collect(form.get("item"), items);
		List<Map<String, Object>> answered = new ArrayList<>();
		answer("", referral, items, answered);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("resourceType", "QuestionnaireResponse");
		response.put("questionnaire", form.get("url").asString());
		response.put("status", "completed");
		response.put("item", answered);
		return response;
	}

	@SuppressWarnings("unchecked")
	private static void answer(String prefix, Map<String, Object> values, Map<String, JsonNode> items,
			List<Map<String, Object>> answered) {
		values.forEach((name, value) -> {
			String linkId = prefix + name;
			if (value instanceof Map<?, ?> nested) {
				answer(linkId + ".", (Map<String, Object>) nested, items, answered);
				return;
			}
			JsonNode item = items.get(linkId);
			if (item == null) {
				throw new AssertionError("the intake form has no item " + linkId);
			}
			List<Map<String, Object>> answers = new ArrayList<>();
			for (Object one : (value instanceof List<?> list) ? list : List.of(value)) {
				answers.add(typed(item.get("type").asString(), one));
			}
			// flat: each linkId is the whole field path, so the groups may be left out
			answered.add(Map.of("linkId", linkId, "answer", answers));
		});
	}

	private static Map<String, Object> typed(String type, Object value) {
		return switch (type) {
			case "boolean" -> Map.of("valueBoolean", value);
			case "integer" -> Map.of("valueInteger", value);
			case "decimal" -> Map.of("valueDecimal", value);
			case "date" -> Map.of("valueDate", value.toString());
			case "choice" -> Map.of("valueCoding", Map.of("code", value.toString()));
			default -> Map.of("valueString", value.toString());
		};
	}

	private static void collect(JsonNode list, Map<String, JsonNode> items) {
		if (list == null) {
			return;
		}
		for (JsonNode item : list) {
			items.put(item.get("linkId").asString(), item);
			collect(item.get("item"), items);
		}
	}

}
