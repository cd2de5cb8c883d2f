package org.ketaclinic.events;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A code crosses from one service's enum to the contract's by its name, or not at all.
 */
class CodesTests {

	enum Answer {

		ACTIVE, IN_REMISSION, NONE

	}

	enum Contract {

		NONE, IN_REMISSION, ACTIVE

	}

	enum Older {

		NONE, ACTIVE

	}

	@Test
	void aCodeBecomesTheCodeOfTheSameNameWhateverItsPosition() {
		assertThat(Arrays.stream(Answer.values()).map((answer) -> Codes.as(Contract.class, answer)))
			.containsExactly(Contract.ACTIVE, Contract.IN_REMISSION, Contract.NONE);
		assertThat(Codes.as(Contract.class, null)).isNull();
	}

	@Test
	void aListKeepsItsOrderAndAnAbsentListStaysAbsent() {
		assertThat(Codes.allAs(Contract.class, List.of(Answer.NONE, Answer.ACTIVE, Answer.NONE)))
			.containsExactly(Contract.NONE, Contract.ACTIVE, Contract.NONE);
		assertThat(Codes.allAs(Contract.class, null)).isNull();
	}

	@Test
	void aCodeTheOtherSideDoesNotKnowFailsAtOnce() {
		assertThatThrownBy(() -> Codes.as(Older.class, Answer.IN_REMISSION))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("IN_REMISSION");
	}

}
