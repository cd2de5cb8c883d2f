package org.ketaclinic.acceptance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey suite: the full path from referral to booster proposal, the urgent path,
 * the decline path, an urgent finding at intake that pages the on-call clinician, a
 * withdrawn intake that stops its booked plan, and a referral in FHIR read back as FHIR,
 * only through the gateway's public API of the running local stack.
 */
@Order(1)
class JourneySuiteIT {

	private static final Tally tally = new Tally();

	private static final Api api = new Api(tally);

	private static final Journeys journeys = new Journeys(api);

	@BeforeAll
	static void stackIsUp() {
		StackProcesses.awaitReady(api, java.time.Duration.ofMinutes(3));
	}

	@Test
	void declinedUrgentAndFullJourneysLeaveExactlyTheirEffects() {
		String declined = journeys.declined();
		journeys.urgent();
		journeys.urgentAtIntake(Journeys.Faults.NONE);
		journeys.stopped(Journeys.Faults.NONE, 5);
		Journeys.Outcome full = journeys.full(Journeys.Faults.NONE, 3);
		journeys.checkFull(full);
		journeys.checkDeclined(declined);
		journeys.referredByFhir(4);
		assertThat(tally.serverErrorsOutsideFaults.get()).as("5xx answers").isZero();
	}

	@AfterAll
	static void report() {
		System.out.printf("journey-suite: %d journeys completed, %d effects checked, %d requests, 5xx seen = %d%n",
				tally.journeysCompleted.get(), tally.effectsChecked.get(), tally.requests.get(),
				tally.serverErrorsOutsideFaults.get() + tally.unavailableDuringFaults.get());
	}

}
