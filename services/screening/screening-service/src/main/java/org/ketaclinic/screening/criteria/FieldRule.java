package org.ketaclinic.screening.criteria;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** A rule on one field: it fires when the field has a value the predicate accepts. */
final class FieldRule<T> extends BaseRule {

	private final String field;

	private final Function<ScreeningInput, T> value;

	private final Predicate<T> fires;

	FieldRule(String id, Category category, String rationale, String source, String field,
			Function<ScreeningInput, T> value, Predicate<T> fires) {
		super(id, category, rationale, source);
		this.field = field;
		this.value = value;
		this.fires = fires;
	}

	@Override
	public Optional<Finding> evaluate(ScreeningInput clinical) {
		T answer = this.value.apply(clinical);
		return (answer != null && this.fires.test(answer)) ? fire(inputs(this.field, answer)) : Optional.empty();
	}

}
