package org.ketaclinic.interop.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A completed response to the intake form ({@link IntakeQuestionnaire}) read as the body
 * of intake's {@code POST /api/intake/submissions}: each answer goes to the field its
 * {@code linkId} names (the linkIds are the body's field paths), typed as the form says
 * (booleans as {@code valueBoolean}, numbers {@code valueInteger} or
 * {@code valueDecimal}, dates {@code valueDate}, text {@code valueString}, codes
 * {@code valueCoding.code}, one answer per element of a list). What does not fit the form
 * is named item by item, and nothing is sent then. Intake's own rules (required fields,
 * ranges, consistency) are intake's to apply: this reads the form, it does not judge the
 * answers.
 */
public final class Referrals {

	private static final JsonNodeFactory NODES = JsonMapper.builder().build().getNodeFactory();

	private static final Map<String, QuestionnaireItemComponent> ITEMS = items();

	/** LOINC's answer Yes. */
	private static final String YES = "LA33-6";

	/** LOINC's answer No. */
	private static final String NO = "LA32-8";

	private Referrals() {
	}

	/**
	 * What a response says, or why it cannot be read.
	 *
	 * @param body the intake body, or null when there are problems
	 * @param problems each item that does not fit, by its linkId (or
	 * {@code questionnaire}, {@code status})
	 */
	public record Referral(ObjectNode body, Map<String, String> problems) {

		/** Whether the response fits the form. */
		public boolean readable() {
			return this.problems.isEmpty();
		}

	}

	/** Reads a response to the intake form. */
	public static Referral read(QuestionnaireResponse response) {
		Map<String, String> problems = new LinkedHashMap<>();
		String questionnaire = response.getQuestionnaire();
		if (questionnaire == null || !(questionnaire.equals(IntakeQuestionnaire.URL)
				|| questionnaire.startsWith(IntakeQuestionnaire.URL + "|")
				|| questionnaire.equals("Questionnaire/" + IntakeQuestionnaire.ID))) {
			problems.put("questionnaire", "must be " + IntakeQuestionnaire.URL);
		}
		// an incomplete form is still a referral: intake takes in what was answered (a
		// missing answer is a screening finding), and a risk answer in it must reach the
		// clinic; only a response withdrawn as entered in error is none
		if (response.getStatus() == null || response.getStatus() == QuestionnaireResponseStatus.NULL
				|| response.getStatus() == QuestionnaireResponseStatus.ENTEREDINERROR) {
			problems.put("status", "must be completed (or in-progress, amended, stopped), not entered in error");
		}
		ObjectNode body = NODES.objectNode();
		read(response.getItem(), body, problems, new HashSet<>());
		return new Referral(problems.isEmpty() ? body : null, problems);
	}

	private static void read(List<QuestionnaireResponseItemComponent> items, ObjectNode body,
			Map<String, String> problems, Set<String> answered) {
		for (QuestionnaireResponseItemComponent item : items) {
			String linkId = item.getLinkId();
			if (linkId == null || linkId.isBlank()) {
				problems.put("item", "has no linkId: each item names the field it answers");
				continue;
			}
			QuestionnaireItemComponent defined = ITEMS.get(linkId);
			if (defined == null) {
				problems.put(linkId, "is not an item of Questionnaire/" + IntakeQuestionnaire.ID);
				continue;
			}
			if (defined.getType() == QuestionnaireItemType.GROUP) {
				if (item.hasAnswer()) {
					problems.put(linkId, "is a group: its items are answered, not the group");
				}
				read(item.getItem(), body, problems, answered);
				continue;
			}
			if (item.hasItem()) {
				problems.put(linkId, "is a question: it has no items of its own");
				continue;
			}
			List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
			if (answers.isEmpty()) {
				// not answered: the field is left out, as a form left blank
				continue;
			}
			if (!defined.getRepeats() && answers.size() > 1) {
				problems.put(linkId, "takes one answer");
				continue;
			}
			List<JsonNode> values = new ArrayList<>();
			for (QuestionnaireResponseItemAnswerComponent answer : answers) {
				JsonNode value = value(defined, answer.getValue());
				if (value == null) {
					problems.put(linkId, expected(defined));
					break;
				}
				if (answer.hasItem()) {
					problems.put(linkId, "has answers with items of their own, which the form does not ask for");
					break;
				}
				values.add(value);
			}
			if (problems.containsKey(linkId)) {
				continue;
			}
			if (!answered.add(linkId)) {
				// a repeating item may come as several items of one answer each; any
				// other
				// question answered twice is ambiguous, and never silently its last
				// answer
				if (defined.getRepeats()) {
					((ArrayNode) at(body, linkId)).addAll(values);
				}
				else {
					problems.put(linkId, "is answered more than once");
				}
				continue;
			}
			put(body, linkId, defined.getRepeats() ? NODES.arrayNode().addAll(values) : values.get(0));
		}
	}

	/**
	 * The answer as the intake body's JSON, or null when it is not of the item's type.
	 */
	private static JsonNode value(QuestionnaireItemComponent item, Type value) {
		if (value == null) {
			return null;
		}
		return switch (item.getType()) {
			case BOOLEAN -> yesOrNo(value);
			case INTEGER ->
				(value instanceof IntegerType number && number.hasValue()) ? NODES.numberNode(number.getValue()) : null;
			case DECIMAL -> decimal(value);
			case DATE ->
				(value instanceof DateType date && date.hasValue() && date.getPrecision() == TemporalPrecisionEnum.DAY)
						? NODES.stringNode(date.getValueAsString()) : null;
			case STRING ->
				(value instanceof StringType text && text.hasValue()) ? NODES.stringNode(text.getValue()) : null;
			case CHOICE -> (value instanceof Coding coding) ? code(item, coding) : null;
			default -> null;
		};
	}

	/**
	 * A yes-or-no answer: {@code valueBoolean}, or LOINC's Yes (LA33-6) and No (LA32-8)
	 * as many EHRs code them (a screener's answer is not refused for its form).
	 */
	private static JsonNode yesOrNo(Type value) {
		if (value instanceof BooleanType bool && bool.hasValue()) {
			return NODES.booleanNode(bool.booleanValue());
		}
		if (value instanceof Coding coding
				&& (!coding.hasSystem() || IntakeQuestionnaire.LOINC.equals(coding.getSystem()))) {
			if (YES.equals(coding.getCode())) {
				return NODES.booleanNode(true);
			}
			if (NO.equals(coding.getCode())) {
				return NODES.booleanNode(false);
			}
		}
		return null;
	}

	private static JsonNode decimal(Type value) {
		if (value instanceof DecimalType number && number.hasValue()) {
			return NODES.numberNode(number.getValue());
		}
		if (value instanceof IntegerType number && number.hasValue()) {
			return NODES.numberNode(number.getValue());
		}
		return null;
	}

	private static JsonNode code(QuestionnaireItemComponent item, Coding coding) {
		for (QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
			Coding offered = (Coding) option.getValue();
			if (offered.getCode().equals(coding.getCode())
					&& (!coding.hasSystem() || offered.getSystem().equals(coding.getSystem()))) {
				return NODES.stringNode(coding.getCode());
			}
		}
		return null;
	}

	private static String expected(QuestionnaireItemComponent item) {
		return switch (item.getType()) {
			case BOOLEAN -> "must be answered with valueBoolean (or LOINC's LA33-6 Yes, LA32-8 No)";
			case INTEGER -> "must be answered with valueInteger";
			case DECIMAL -> "must be answered with valueDecimal";
			case DATE -> "must be answered with a full valueDate (yyyy-MM-dd)";
			case STRING -> "must be answered with valueString";
			case CHOICE -> "must be answered with valueCoding, one of "
					+ item.getAnswerOption().stream().map((option) -> ((Coding) option.getValue()).getCode()).toList();
			default -> "cannot be answered";
		};
	}

	/** The value at the field path. */
	private static JsonNode at(ObjectNode body, String path) {
		JsonNode node = body;
		for (String name : path.split("\\.")) {
			node = node.get(name);
		}
		return node;
	}

	/** Sets the value at the field path, making the objects on the way. */
	private static void put(ObjectNode body, String path, JsonNode value) {
		String[] names = path.split("\\.");
		ObjectNode node = body;
		for (int i = 0; i < names.length - 1; i++) {
			JsonNode next = node.get(names[i]);
			node = (next instanceof ObjectNode object) ? object : node.putObject(names[i]);
		}
		node.set(names[names.length - 1], value);
	}

	private static Map<String, QuestionnaireItemComponent> items() {
		Map<String, QuestionnaireItemComponent> items = new LinkedHashMap<>();
		collect(IntakeQuestionnaire.questionnaire().getItem(), items);
		return Map.copyOf(items);
	}

	private static void collect(List<QuestionnaireItemComponent> from, Map<String, QuestionnaireItemComponent> items) {
		for (QuestionnaireItemComponent item : from) {
			items.put(item.getLinkId(), item);
			collect(item.getItem(), items);
		}
	}

}
