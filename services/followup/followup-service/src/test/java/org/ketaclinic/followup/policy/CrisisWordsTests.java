package org.ketaclinic.followup.policy;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CrisisWordsTests {

	private final CrisisWords defaults = new CrisisWords(CrisisWords.DEFAULTS);

	@Test
	void findsCrisisPhrasesInAnyCaseWhateverThePunctuation() {
		assertThat(this.defaults.in("I want to END MY LIFE.")).containsExactly("end my life");
		assertThat(this.defaults.in("i just wanna  die!!")).containsExactly("wanna die");
		assertThat(this.defaults.in("Thinking about suicide; overdose maybe")).containsExactly("suicide", "overdose");
		assertThat(this.defaults.in("I might hurt-myself")).containsExactly("hurt myself");
		assertThat(this.defaults.in("self-harm again")).containsExactly("self harm");
	}

	@Test
	void matchesWholeWordsOnly() {
		assertThat(this.defaults.in("Is the parking suicidally expensive?")).isEmpty();
		assertThat(this.defaults.in("We can't wait to end my lifelong fear of needles")).isEmpty();
		assertThat(this.defaults.in("YES")).isEmpty();
		assertThat(this.defaults.in("STOP")).isEmpty();
		assertThat(this.defaults.in(null)).isEmpty();
	}

	@Test
	void aClinicConfiguresItsOwnWords() {
		CrisisWords words = new CrisisWords(List.of("No way out", "Adiós"));
		assertThat(words.in("there is NO WAY OUT")).containsExactly("no way out");
		assertThat(words.in("adiós a todos")).containsExactly("adiós");
		assertThatIllegalArgumentException().isThrownBy(() -> new CrisisWords(List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new CrisisWords(List.of("  !! ")));
	}

}
