package org.ketaclinic.events;

import java.util.List;

/**
 * Coded values carried across a service boundary by name: a service's own enum and the
 * contract's enum of the same codes (intake's answers to the event's clinical section,
 * the event's section to screening's input). A name one side does not know fails at once
 * ({@link IllegalArgumentException}), and each mapping's test proves the two lists agree.
 */
public final class Codes {

	private Codes() {
	}

	/**
	 * The code of the same name in another enum.
	 * @param <E> the target enum
	 * @param type the target enum's class
	 * @param value the code, or null
	 * @return the target code, or null when the value is null
	 */
	public static <E extends Enum<E>> E as(Class<E> type, Enum<?> value) {
		return (value != null) ? Enum.valueOf(type, value.name()) : null;
	}

	/**
	 * Each code of a list as the code of the same name in another enum.
	 * @param <E> the target enum
	 * @param type the target enum's class
	 * @param values the codes, or null
	 * @return the target codes in the same order, or null when the list is null
	 */
	public static <E extends Enum<E>> List<E> allAs(Class<E> type, List<? extends Enum<?>> values) {
		return (values != null) ? values.stream().map((value) -> as(type, value)).toList() : null;
	}

}
