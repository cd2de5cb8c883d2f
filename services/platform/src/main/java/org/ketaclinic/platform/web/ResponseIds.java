package org.ketaclinic.platform.web;

import java.util.Locale;
import java.util.Map;

import org.ketaclinic.platform.events.EventJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an idempotency record keeps of a response: its ids and statuses, in the response's
 * own shape, and nothing else (no names, dates of birth, answers). A client retrying a
 * command learns what it created and can read the rest as itself, audited.
 */
final class ResponseIds {

	private ResponseIds() {
	}

	/**
	 * The ids of a JSON response body; {@code null} for anything that is not JSON.
	 */
	static byte[] of(byte[] body, String contentType) {
		if (body == null || body.length == 0 || contentType == null
				|| !contentType.toLowerCase(Locale.ROOT).contains("json")) {
			return null;
		}
		try {
			JsonNode kept = keep(EventJson.mapper().readTree(body));
			return (kept != null) ? EventJson.mapper().writeValueAsBytes(kept)
					: "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static JsonNode keep(JsonNode node) {
		if (node.isObject()) {
			ObjectNode kept = JsonNodeFactory.instance.objectNode();
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (isId(field.getKey()) && (field.getValue().isValueNode() || field.getValue().isArray())) {
					JsonNode values = onlyValues(field.getValue());
					if (values != null) {
						kept.set(field.getKey(), values);
					}
				}
				else if (field.getValue().isContainer()) {
					JsonNode inner = keep(field.getValue());
					if (inner != null) {
						kept.set(field.getKey(), inner);
					}
				}
			}
			return kept.isEmpty() ? null : kept;
		}
		if (node.isArray()) {
			ArrayNode kept = JsonNodeFactory.instance.arrayNode();
			for (JsonNode item : node) {
				JsonNode inner = keep(item);
				if (inner != null) {
					kept.add(inner);
				}
			}
			return kept.isEmpty() ? null : kept;
		}
		return null;
	}

	/**
	 * Only values shaped like ids or statuses: a UUID, a number, or an upper-case code of
	 * one word ({@code BOOKED}); never free text that a field named like an id might
	 * hold.
	 */
	private static JsonNode onlyValues(JsonNode value) {
		if (!value.isArray()) {
			return isIdShaped(value) ? value : null;
		}
		ArrayNode values = JsonNodeFactory.instance.arrayNode();
		value.forEach((item) -> {
			if (isIdShaped(item)) {
				values.add(item);
			}
		});
		return values;
	}

	private static boolean isIdShaped(JsonNode value) {
		return value.isNumber() || (value.isString()
				&& (UUID_SHAPE.matcher(value.asString()).matches() || CODE_SHAPE.matcher(value.asString()).matches()));
	}

	private static final java.util.regex.Pattern UUID_SHAPE = java.util.regex.Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final java.util.regex.Pattern CODE_SHAPE = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

	/**
	 * An id, a list of ids, or a status: {@code id}, {@code *Id}, {@code *Ids},
	 * {@code status}.
	 */
	private static boolean isId(String name) {
		return name.equals("id") || name.endsWith("Id") || name.endsWith("Ids") || name.equals("status");
	}

}
