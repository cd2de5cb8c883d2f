package org.ketaclinic.screening.criteria;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every rule has: its id, category, rationale and source, which travel with each
 * finding.
 */
abstract class BaseRule implements Rule {

	private final String id;

	private final Category category;

	private final String rationale;

	private final String source;

	BaseRule(String id, Category category, String rationale, String source) {
		this.id = id;
		this.category = category;
		this.rationale = rationale;
		this.source = source;
	}

	@Override
	public String id() {
		return this.id;
	}

	Optional<Finding> fire(Map<String, Object> inputs) {
		return fire(inputs, null);
	}

	Optional<Finding> fire(Map<String, Object> inputs, String note) {
		return Optional.of(new Finding(this.id, this.category, this.rationale, this.source, inputs, note));
	}

	/** The input values a rule used, by field name, in order (values may be null). */
	static Map<String, Object> inputs(Object... namesAndValues) {
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			inputs.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return Collections.unmodifiableMap(inputs);
	}

	static boolean yes(Boolean answer) {
		return Boolean.TRUE.equals(answer);
	}

	static boolean no(Boolean answer) {
		return Boolean.FALSE.equals(answer);
	}

}
