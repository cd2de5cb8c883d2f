package org.ketaclinic.scheduling.safety;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.ketaclinic.scheduling.record.BloodPressureGate;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void theDefaultsAreThoseOfTheCriteria() {
		this.context.run((context) -> {
			SafetyProperties safety = context.getBean(SafetyProperties.class);
			assertThat(safety.gate()).isEqualTo(BloodPressureGate.defaults());
			assertThat(safety.postObservation("IV_KETAMINE")).isEqualTo(Duration.ofMinutes(60));
			assertThat(safety.postObservation("ESKETAMINE")).isEqualTo(Duration.ofMinutes(120));
			assertThat(safety.maintenanceReviewEveryDays()).isEqualTo(90);
			assertThat(safety.recordTimeTolerance()).isEqualTo(Duration.ofMinutes(2));
		});
	}

	@Test
	void theServiceDoesNotStartWithARecordTimeToleranceBeyondSixHoursOrNegative() {
		this.context.withPropertyValues("ketaclinic.scheduling.safety.record-time-tolerance=7h")
			.run((context) -> assertThat(context).hasFailed());
		this.context.withPropertyValues("ketaclinic.scheduling.safety.record-time-tolerance=-1m")
			.run((context) -> assertThat(context).hasFailed());
		this.context.withPropertyValues("ketaclinic.scheduling.safety.record-time-tolerance=2h")
			.run((context) -> assertThat(context.getBean(SafetyProperties.class).recordTimeTolerance())
				.isEqualTo(Duration.ofHours(2)));
	}

	@Test
	void aClinicTunesOneThresholdAndKeepsTheOthers() {
		this.context
			.withPropertyValues("ketaclinic.scheduling.safety.blood-pressure.confirm-systolic-above-under65=135")
			.run((context) -> assertThat(context.getBean(SafetyProperties.class).gate())
				.isEqualTo(new BloodPressureGate(180, 100, 135, 150, 90, 180, 120)));
	}

	@Test
	void theServiceDoesNotStartWithEsketamineObservedForLessThanTwoHours() {
		this.context.withPropertyValues("ketaclinic.scheduling.safety.post-observation-min-minutes.esketamine=60")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void theServiceDoesNotStartWithThresholdsOutOfOrder() {
		this.context.withPropertyValues("ketaclinic.scheduling.safety.blood-pressure.urgent-systolic-at-or-above=150")
			.run((context) -> assertThat(context).hasFailed());
		this.context.withPropertyValues("ketaclinic.scheduling.safety.blood-pressure.defer-systolic-above=300")
			.run((context) -> assertThat(context).hasFailed());
	}

	@EnableConfigurationProperties(SafetyProperties.class)
	static class Settings {

	}

}
