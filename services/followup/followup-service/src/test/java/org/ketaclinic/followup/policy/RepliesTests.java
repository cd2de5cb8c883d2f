package org.ketaclinic.followup.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RepliesTests {

	@ParameterizedTest
	@CsvSource({ "STOP,OPT_OUT", "stop,OPT_OUT", " Stop. ,OPT_OUT", "STOP ALL,OPT_OUT", "stopall,OPT_OUT",
			"Unsubscribe,OPT_OUT", "unsubscribe me,OPT_OUT", "END,OPT_OUT", "quit,OPT_OUT", "opt-out,OPT_OUT",
			"REVOKE,OPT_OUT", "stop texting me,OPT_OUT", "CANCEL,CANCEL_UNCLEAR", "cancel please,CANCEL_UNCLEAR",
			"START,OPT_IN", "unstop,OPT_IN", "HELP,HELP", "yes,CONFIRM", "Y,CONFIRM", "C,CONFIRM",
			"I will be ten minutes late,OTHER", "'',OTHER", "Please don't cancel my ride,OTHER" })
	void readsWhatAReplyAsksFor(String text, Replies.Intent intent) {
		assertThat(Replies.read(text)).isEqualTo(intent);
	}

}
