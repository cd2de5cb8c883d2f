package org.ketaclinic.followup.policy;

import java.util.Locale;
import java.util.Set;

/**
 * Reads a patient's SMS reply. STOP, UNSUBSCRIBE and their usual synonyms opt out at
 * once; CANCEL is left to the patient to explain, because at a clinic it usually means an
 * appointment, not the messages.
 */
public final class Replies {

	private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "END", "QUIT",
			"OPTOUT", "OPT OUT", "REVOKE", "STOP TEXTING", "STOP MESSAGING", "STOP TEXTING ME", "STOP MESSAGING ME");

	private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "OPTIN", "OPT IN", "RESUME");

	private static final Set<String> HELP = Set.of("HELP", "INFO");

	private static final Set<String> CONFIRM = Set.of("YES", "Y", "CONFIRM", "CONFIRMED", "C", "OK");

	private Replies() {
	}

	/** What a reply asks for. */
	public static Intent read(String text) {
		String words = (text == null) ? ""
				: text.toUpperCase(Locale.ROOT)
					.replace('-', ' ')
					.replaceAll("[^A-Z ]", " ")
					.trim()
					.replaceAll(" +", " ");
		if (OPT_OUT.contains(words) || words.startsWith("STOP ") || words.startsWith("UNSUBSCRIBE")) {
			return Intent.OPT_OUT;
		}
		if (words.equals("CANCEL") || words.startsWith("CANCEL ")) {
			return Intent.CANCEL_UNCLEAR;
		}
		if (OPT_IN.contains(words)) {
			return Intent.OPT_IN;
		}
		if (HELP.contains(words)) {
			return Intent.HELP;
		}
		if (CONFIRM.contains(words)) {
			return Intent.CONFIRM;
		}
		return Intent.OTHER;
	}

	/** The meanings of a reply. */
	public enum Intent {

		/** Stop all text messages now. */
		OPT_OUT,
		/** Start them again. */
		OPT_IN,
		/** "CANCEL": an appointment or the messages? Ask. */
		CANCEL_UNCLEAR,
		/** Who is this, how do I stop. */
		HELP,
		/** Confirms the next appointment. */
		CONFIRM,
		/** Anything else: for the front desk to read. */
		OTHER

	}

}
