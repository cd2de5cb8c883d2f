package org.ketaclinic.scheduling.safety;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DosingHoldsTests {

	private static final Instant T = Instant.parse("2027-01-11T14:00:00Z");

	static DosingHolds.Facts aConsentedPatientOnAnActivePlan() {
		return new DosingHolds.Facts("ACTIVE", true, 0, 0, null, null);
	}

	static DosingHolds.PreDoseCheck aClearNegativeCheckWithAnEscort(Instant at) {
		return new DosingHolds.PreDoseCheck(at, "CLEAR", false, true, List.of(), "180/100");
	}

	@Test
	void nothingHoldsAConsentedPatientOnAnActivePlan() {
		assertThat(DosingHolds.holds(aConsentedPatientOnAnActivePlan())).isEmpty();
		assertThat(DosingHolds.startRefusals(aConsentedPatientOnAnActivePlan(), aClearNegativeCheckWithAnEscort(T)))
			.isEmpty();
	}

	@Test
	void aStoppedPlanHolds() {
		assertThat(DosingHolds.holds(new DosingHolds.Facts("CANCELLED", true, 0, 0, null, null)))
			.containsExactly("the treatment plan is cancelled, not active");
	}

	@Test
	void aPatientNeverHeardToConsentIsHeld() {
		assertThat(DosingHolds.holds(new DosingHolds.Facts("ACTIVE", false, 0, 0, null, null)))
			.containsExactly("the patient has not consented to treatment");
	}

	@Test
	void anOpenUrgentFindingOrAlertHolds() {
		assertThat(DosingHolds.holds(new DosingHolds.Facts("ACTIVE", true, 1, 0, null, null))).singleElement()
			.asString()
			.contains("urgent screening finding");
		assertThat(DosingHolds.holds(new DosingHolds.Facts("ACTIVE", true, 0, 2, null, null))).singleElement()
			.asString()
			.contains("urgent alert");
	}

	@Test
	void aSessionWithoutAPreDoseCheckCannotStart() {
		assertThat(DosingHolds.startRefusals(aConsentedPatientOnAnActivePlan(), null)).singleElement()
			.asString()
			.contains("record the pre-dose check");
	}

	@Test
	void aPositiveCheckHoldsTheDose() {
		assertThat(DosingHolds.startRefusals(aConsentedPatientOnAnActivePlan(),
				new DosingHolds.PreDoseCheck(T, "CLEAR", false, true, List.of("CSSRS_WISH_DEAD"), "180/100")))
			.singleElement()
			.asString()
			.contains("the dose is held");
	}

	@Test
	void noEscortNoDose() {
		assertThat(DosingHolds.startRefusals(aConsentedPatientOnAnActivePlan(),
				new DosingHolds.PreDoseCheck(T, "CLEAR", false, false, List.of(), "180/100")))
			.singleElement()
			.asString()
			.contains("escort");
	}

	@Test
	void theGateRefusesSevereAndDeferredPressureAndElevatedPressureUntilAPrescriberConfirms() {
		DosingHolds.Facts facts = aConsentedPatientOnAnActivePlan();
		assertThat(DosingHolds.startRefusals(facts,
				new DosingHolds.PreDoseCheck(T, "URGENT_DEFERRAL", false, true, List.of(), "180/100")))
			.singleElement()
			.asString()
			.contains("severe range");
		assertThat(DosingHolds.startRefusals(facts,
				new DosingHolds.PreDoseCheck(T, "DEFERRED", true, true, List.of(), "180/100")))
			.singleElement()
			.asString()
			.contains("180/100");
		assertThat(DosingHolds.startRefusals(facts,
				new DosingHolds.PreDoseCheck(T, "PRESCRIBER_CONFIRMATION_REQUIRED", false, true, List.of(), "180/100")))
			.singleElement()
			.asString()
			.contains("prescriber");
		assertThat(DosingHolds.startRefusals(facts,
				new DosingHolds.PreDoseCheck(T, "PRESCRIBER_CONFIRMATION_REQUIRED", true, true, List.of(), "180/100")))
			.isEmpty();
	}

	@Test
	void aPositiveCheckHoldsUntilItsAlertIsAcknowledgedAndANewNegativeCheckFollows() {
		Instant concern = T;
		Instant acknowledged = T.plusSeconds(600);
		DosingHolds.Facts unacknowledged = new DosingHolds.Facts("ACTIVE", true, 0, 0, concern, null);
		assertThat(DosingHolds.holds(unacknowledged)).singleElement().asString().contains("acknowledgement");
		assertThat(DosingHolds.startRefusals(unacknowledged, aClearNegativeCheckWithAnEscort(T.plusSeconds(60))))
			.isNotEmpty();

		DosingHolds.Facts acknowledgedFacts = new DosingHolds.Facts("ACTIVE", true, 0, 0, concern, acknowledged);
		assertThat(DosingHolds.holds(acknowledgedFacts)).as("check-in is possible again").isEmpty();
		assertThat(DosingHolds.startRefusals(acknowledgedFacts, aClearNegativeCheckWithAnEscort(T.plusSeconds(60))))
			.as("a negative check recorded before the acknowledgement does not lift the hold")
			.singleElement()
			.asString()
			.contains("new pre-dose check");
		assertThat(DosingHolds.startRefusals(acknowledgedFacts, aClearNegativeCheckWithAnEscort(acknowledged)))
			.isNotEmpty();
		assertThat(DosingHolds.startRefusals(acknowledgedFacts,
				aClearNegativeCheckWithAnEscort(acknowledged.plusSeconds(1))))
			.isEmpty();
	}

	@Test
	void aBoosterOnAnApprovalOlderThanTheMaintenanceReviewPeriodNeedsAFreshReview() {
		Instant approved = T.minus(java.time.Duration.ofDays(90));
		assertThat(DosingHolds.reviewDue("BOOSTER", approved, T, 90)).as("exactly 90 days").isEmpty();
		assertThat(DosingHolds.reviewDue("BOOSTER", approved.minusSeconds(1), T, 90)).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("more than 90 days old").contains("fresh clinician review"));
		assertThat(DosingHolds.reviewDue("BOOSTER", null, T, 90)).as("unknown counts against the dose").isPresent();
		assertThat(DosingHolds.reviewDue("INDUCTION", approved.minusSeconds(1), T, 90)).isEmpty();
		assertThat(DosingHolds.reviewDue("BOOSTER", T.minus(java.time.Duration.ofDays(31)), T, 30)).isPresent();
	}

}
