package org.ketaclinic.scheduling.record;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.ketaclinic.scheduling.record.BloodPressureGate.Result.CLEAR;
import static org.ketaclinic.scheduling.record.BloodPressureGate.Result.DEFERRED;
import static org.ketaclinic.scheduling.record.BloodPressureGate.Result.PRESCRIBER_CONFIRMATION_REQUIRED;
import static org.ketaclinic.scheduling.record.BloodPressureGate.Result.URGENT_DEFERRAL;

class BloodPressureGateTests {

	private final BloodPressureGate gate = BloodPressureGate.defaults();

	@Test
	void defersAbove100DiastolicStrictly() {
		assertThat(this.gate.check(150, 100, 40)).isEqualTo(PRESCRIBER_CONFIRMATION_REQUIRED);
		assertThat(this.gate.check(150, 101, 40)).isEqualTo(DEFERRED);
		assertThat(this.gate.check(179, 119, 40)).isEqualTo(DEFERRED);
	}

	@Test
	void makesTheSevereRangeFrom180SystolicOr120DiastolicAnUrgentDeferralAsScrUrg05Does() {
		assertThat(this.gate.check(179, 80, 40)).isEqualTo(PRESCRIBER_CONFIRMATION_REQUIRED);
		assertThat(this.gate.check(180, 80, 40)).as("inclusive, as SCR-URG-05").isEqualTo(URGENT_DEFERRAL);
		assertThat(this.gate.check(181, 80, 70)).isEqualTo(URGENT_DEFERRAL);
		assertThat(this.gate.check(150, 120, 40)).isEqualTo(URGENT_DEFERRAL);
		assertThat(this.gate.check(120, 119, 40)).isEqualTo(DEFERRED);
	}

	@Test
	void asksAPrescriberAbove140Over90UnderAge65() {
		assertThat(this.gate.check(140, 90, 64)).isEqualTo(CLEAR);
		assertThat(this.gate.check(141, 80, 64)).isEqualTo(PRESCRIBER_CONFIRMATION_REQUIRED);
		assertThat(this.gate.check(130, 91, 64)).isEqualTo(PRESCRIBER_CONFIRMATION_REQUIRED);
	}

	@Test
	void allowsUpTo150SystolicFrom65() {
		assertThat(this.gate.check(150, 90, 65)).isEqualTo(CLEAR);
		assertThat(this.gate.check(151, 90, 65)).isEqualTo(PRESCRIBER_CONFIRMATION_REQUIRED);
		assertThat(this.gate.check(145, 91, 70)).isEqualTo(PRESCRIBER_CONFIRMATION_REQUIRED);
	}

	@Test
	void refusesThresholdsThatDoNotRiseFromConfirmationToTheSevereRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BloodPressureGate(180, 100, 160, 150, 90, 180, 120));
		assertThatIllegalArgumentException().isThrownBy(() -> new BloodPressureGate(180, 100, 140, 150, 90, 140, 120));
		assertThatIllegalArgumentException().isThrownBy(() -> new BloodPressureGate(180, 100, 140, 150, 90, 180, 90));
	}

}
