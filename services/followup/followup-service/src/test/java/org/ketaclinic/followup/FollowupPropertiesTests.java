package org.ketaclinic.followup;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FollowupPropertiesTests {

	@Test
	void aRealClinicIsNotGivenTheDemoRosterUnlessItAsksForIt() {
		assertThat(new FollowupProperties.Paging(null, null, null, null).demoRoster()).isFalse();
		assertThat(new FollowupProperties.Paging(null, null, null, true).demoRoster()).isTrue();
	}

	@Test
	void aCrisisReplyHoldingACrisisWordIsRefusedAtStartUp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(null, "If you think of suicide, call or text 988 now."))
			.withMessageContaining("crisis-reply must not contain a crisis word")
			.withMessageContaining("\"suicide\"");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(List.of("help me"), "Text HELP ME back, or call 988 now."))
			.withMessageContaining("\"help me\"");
		assertThat(properties(null, null).crisisReply()).as("the default reply holds no default crisis word")
			.contains("988");
		assertThat(properties(List.of("help me"), "Call or text 988 now.").crisisReply()).contains("988");
	}

	@Test
	void anOutageBackoffMustBePositiveAndNoLongerThanTheLongestRetryDelay() {
		assertThat(new FollowupProperties.Delivery(null, null, null, null, null, null, null, null).outageBackoff())
			.isEqualTo(Duration.ofSeconds(30));
		for (Duration wrong : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMinutes(31))) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new FollowupProperties.Delivery(null, null, null, null, null, null, null, wrong))
				.withMessageContaining("outage-backoff");
		}
		assertThat(new FollowupProperties.Delivery(null, null, null, null, null, Duration.ofHours(1), null,
				Duration.ofMinutes(31))
			.outageBackoff()).isEqualTo(Duration.ofMinutes(31));
	}

	private static FollowupProperties properties(List<String> crisisWords, String crisisReply) {
		return new FollowupProperties(null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, crisisWords, crisisReply);
	}

}
