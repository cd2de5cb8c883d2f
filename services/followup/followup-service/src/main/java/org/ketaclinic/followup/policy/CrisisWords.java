package org.ketaclinic.followup.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds crisis words in a patient's free text: each configured word or phrase matches
 * case-insensitively as whole words ("overdose" matches "Overdose!" but not "overdosed"),
 * whatever the punctuation or spacing between them.
 *
 * @param phrases the words and phrases
 */
public record CrisisWords(List<String> phrases) {

	/** The defaults: plain words people use when they are in danger. */
	public static final List<String> DEFAULTS = List.of("suicide", "suicidal", "kill myself", "killing myself",
			"end my life", "ending my life", "take my life", "end it all", "overdose", "overdosed", "want to die",
			"wanna die", "better off dead", "hurt myself", "hurting myself", "harm myself", "self harm");

	public CrisisWords {
		if (phrases == null || phrases.isEmpty()) {
			throw new IllegalArgumentException("crisis words must not be empty");
		}
		List<String> normalised = new ArrayList<>();
		for (String phrase : phrases) {
			String words = normalise(phrase);
			if (words.isEmpty()) {
				throw new IllegalArgumentException("a crisis word must have letters");
			}
			normalised.add(words);
		}
		phrases = List.copyOf(normalised);
	}

	/** The phrases the text holds, in the configured order; empty if none. */
	public List<String> in(String text) {
		String words = " " + normalise(text) + " ";
		return this.phrases.stream().filter((phrase) -> words.contains(" " + phrase + " ")).toList();
	}

	private static String normalise(String text) {
		return (text == null) ? ""
				: text.toLowerCase(Locale.ROOT)
					.replace("'", "")
					.replace("\u2019", "")
					.replaceAll("[^\\p{L}\\p{N}]+", " ")
					.trim();
	}

}
