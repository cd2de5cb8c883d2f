package org.ketaclinic.platform.audit;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalBudgetTests {

	private final AtomicLong second = new AtomicLong(100);

	private final AuditLog.RefusalBudget budget = new AuditLog.RefusalBudget(3, this.second::get);

	@Test
	void refusalsWithinTheBudgetAreRecordedOneByOne() {
		assertThat(this.budget.take()).isZero();
		assertThat(this.budget.take()).isZero();
		assertThat(this.budget.take()).isZero();
	}

	@Test
	void refusalsBeyondTheBudgetAreCountedAndTheCountGoesWithTheNextRecordedOne() {
		for (int i = 0; i < 3; i++) {
			this.budget.take();
		}
		for (int i = 0; i < 997; i++) {
			assertThat(this.budget.take()).as("skipped").isEqualTo(-1);
		}
		this.second.incrementAndGet();
		assertThat(this.budget.take()).as("the next second's first refusal carries the count").isEqualTo(997);
		assertThat(this.budget.take()).isZero();
	}

	@Test
	void aRefusalThatCouldNotBeWrittenIsCountedToo() {
		long skipped = this.budget.take();
		this.budget.giveBack(skipped + 1);
		assertThat(this.budget.take()).isEqualTo(1);
	}

}
