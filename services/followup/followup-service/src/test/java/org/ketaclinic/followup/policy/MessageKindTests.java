package org.ketaclinic.followup.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageKindTests {

	@Test
	void pagesAndCrisisRepliesGoAtOnceAndReminderBudgetsNeverHoldACheckIn() {
		assertThat(MessageKind.PAGE.goesAtOnce()).isTrue();
		assertThat(MessageKind.CRISIS_RESOURCES.goesAtOnce()).isTrue();
		assertThat(MessageKind.REMINDER_24H.goesAtOnce()).isFalse();
		assertThat(MessageKind.CHECK_IN.heldBySmsBudget()).isFalse();
		assertThat(MessageKind.REMINDER_2H.heldBySmsBudget()).isTrue();
	}

	/**
	 * The dispatcher claims the kinds that go at once before all others, through an index
	 * of their own: a kind added to one and not the other would be claimed late or
	 * without its index.
	 */
	@Test
	void theAtOnceIndexCoversExactlyTheKindsThatGoAtOnce() throws IOException {
		String migration = Files.readString(Path.of("src/main/resources/db/migration/V7__message_at_once_due.sql"));
		Matcher list = Pattern.compile("kind IN \\(([^)]*)\\)").matcher(migration);
		assertThat(list.find()).isTrue();
		Set<String> indexed = new TreeSet<>();
		Matcher kind = Pattern.compile("'([A-Z_0-9]+)'").matcher(list.group(1));
		while (kind.find()) {
			indexed.add(kind.group(1));
		}
		Set<String> atOnce = new TreeSet<>();
		Arrays.stream(MessageKind.values()).filter(MessageKind::goesAtOnce).map(MessageKind::name).forEach(atOnce::add);
		assertThat(indexed).isEqualTo(atOnce);
	}

}
