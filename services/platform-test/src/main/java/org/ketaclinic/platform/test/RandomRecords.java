package org.ketaclinic.platform.test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random values for a record of answers, as the JSON object it maps from (a map of its
 * component names), for tests that prove a mapping between two records of the same names
 * puts each value in its own place: every whole number differs from every other (so two
 * swapped number fields cannot go unnoticed), booleans, enums, decimals, nested records
 * and lists are random, and a boolean is sometimes left out.
 */
public final class RandomRecords {

	private RandomRecords() {
	}

	/** Values for the record's components, by name, ready to map onto it. */
	public static Map<String, Object> of(Class<? extends Record> type, Random random) {
		return of(type, random, new int[] { 1 });
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> of(Class<? extends Record> type, Random random, int[] number) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			String name = component.getName();
			Class<?> valueType = component.getType();
			if (valueType == List.class) {
				Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType())
					.getActualTypeArguments()[0];
				List<Object> list = new ArrayList<>();
				for (int i = 0, size = 2 + random.nextInt(8); i < size; i++) {
					list.add(value(element, random, number));
				}
				values.put(name, list);
			}
			else if (valueType.isRecord()) {
				values.put(name, of((Class<? extends Record>) valueType, random, number));
			}
			else if (valueType != Boolean.class || random.nextInt(4) > 0) {
				// else left out: an unanswered question
				values.put(name, value(valueType, random, number));
			}
		}
		return values;
	}

	private static Object value(Class<?> type, Random random, int[] number) {
		if (type == Integer.class || type == int.class) {
			// at least 40 apart from any other: no two fields ever hold the same number
			return number[0]++ + 40 * random.nextInt(3);
		}
		if (type == Boolean.class || type == boolean.class) {
			return random.nextBoolean();
		}
		if (type == BigDecimal.class) {
			return new BigDecimal(random.nextInt(400)).movePointLeft(1);
		}
		if (type.isEnum()) {
			Object[] constants = type.getEnumConstants();
			return ((Enum<?>) constants[random.nextInt(constants.length)]).name();
		}
		if (type == String.class) {
			return "text-" + number[0]++;
		}
		throw new IllegalArgumentException("no random value for " + type.getName());
	}

}
