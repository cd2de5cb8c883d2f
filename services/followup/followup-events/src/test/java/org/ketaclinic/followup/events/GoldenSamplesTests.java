package org.ketaclinic.followup.events;

import org.junit.jupiter.api.Test;
import org.ketaclinic.platform.events.EventSamples;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden samples consumers test against agree with the schemas and the records. */
class GoldenSamplesTests {

	@Test
	void theRelapseRiskSampleMatchesItsSchemaAndRecord() {
		assertThat(EventSamples.contractProblems(EventTypes.RELAPSE_RISK_DETECTED, RelapseRiskDetected.class))
			.isEmpty();
	}

	@Test
	void theCheckInSampleMatchesItsSchemaAndRecord() {
		assertThat(EventSamples.contractProblems(EventTypes.CHECK_IN_COMPLETED, CheckInCompleted.class)).isEmpty();
	}

	@Test
	void theAdverseEffectSampleMatchesItsSchemaAndRecord() {
		assertThat(EventSamples.contractProblems(EventTypes.ADVERSE_EFFECT_REPORTED, AdverseEffectReported.class))
			.isEmpty();
	}

	@Test
	void theUndeliverableSampleMatchesItsSchemaAndRecord() {
		assertThat(EventSamples.contractProblems(EventTypes.MESSAGE_UNDELIVERABLE, MessageUndeliverable.class))
			.isEmpty();
	}

	@Test
	void theUrgentAlertSamplesMatchTheirSchemasAndRecords() {
		assertThat(EventSamples.contractProblems(EventTypes.URGENT_ALERT_RAISED, UrgentAlertRaised.class)).isEmpty();
		assertThat(EventSamples.contractProblems(EventTypes.URGENT_ALERT_ACKNOWLEDGED, UrgentAlertAcknowledged.class))
			.isEmpty();
	}

}
