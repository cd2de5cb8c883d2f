package org.ketaclinic.scheduling.safety;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.ketaclinic.scheduling.record.BloodPressureGate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The safety settings of clinical-criteria.md §4 a clinic may tune under
 * {@code ketaclinic.scheduling.safety.*}; checked at start-up.
 *
 * @param bloodPressure the pre-session gate's thresholds in mmHg
 * @param postObservationMinMinutes least minutes from the end of dosing to discharge, per
 * protocol (IV 60, esketamine 120)
 * @param maintenanceReviewEveryDays a booster may be approved at most this many days
 * after the approval it stands on ({@code iv.maintenance.reviewEveryDays} = 90); later,
 * the patient needs a fresh clinician review
 * @param recordTimeTolerance how far a session record's times may stray from the
 * service's clock: dosing may be recorded as started this much before the session was
 * started, and discharge this much after now (2 minutes of clock skew; a stack that plays
 * a session's two hours in seconds, such as the acceptance suites', widens it)
 */
@ConfigurationProperties("ketaclinic.scheduling.safety")
@Validated
public record SafetyProperties(@Valid BloodPressure bloodPressure, @Valid PostObservation postObservationMinMinutes,
		@Min(1) @Max(365) Integer maintenanceReviewEveryDays, Duration recordTimeTolerance) {

	public SafetyProperties {
		bloodPressure = (bloodPressure != null) ? bloodPressure
				: new BloodPressure(null, null, null, null, null, null, null);
		postObservationMinMinutes = (postObservationMinMinutes != null) ? postObservationMinMinutes
				: new PostObservation(null, null);
		maintenanceReviewEveryDays = (maintenanceReviewEveryDays != null) ? maintenanceReviewEveryDays : 90;
		recordTimeTolerance = (recordTimeTolerance != null) ? recordTimeTolerance : Duration.ofMinutes(2);
		if (recordTimeTolerance.isNegative() || recordTimeTolerance.compareTo(Duration.ofHours(6)) > 0) {
			throw new IllegalArgumentException(
					"ketaclinic.scheduling.safety.record-time-tolerance must be between 0 and 6 hours");
		}
	}

	/** The gate these settings make. */
	public BloodPressureGate gate() {
		return this.bloodPressure.gate();
	}

	/** The least observation after dosing for a protocol. */
	public Duration postObservation(String protocol) {
		return Duration.ofMinutes(switch (protocol) {
			case "IV_KETAMINE" -> this.postObservationMinMinutes.ivKetamine();
			case "ESKETAMINE" -> this.postObservationMinMinutes.esketamine();
			default -> throw new IllegalArgumentException("unknown protocol " + protocol);
		});
	}

	/**
	 * Blood-pressure thresholds, mmHg.
	 *
	 * @param deferSystolicAbove defer above this systolic (180)
	 * @param deferDiastolicAbove defer above this diastolic (100)
	 * @param confirmSystolicAboveUnder65 a prescriber confirms above this systolic under
	 * 65 (140)
	 * @param confirmSystolicAbove65plus a prescriber confirms above this systolic at 65
	 * and over (150)
	 * @param confirmDiastolicAbove a prescriber confirms above this diastolic (90)
	 * @param urgentSystolicAtOrAbove severe range from this systolic (180, SCR-URG-05)
	 * @param urgentDiastolicAtOrAbove severe range from this diastolic (120, SCR-URG-05)
	 */
	public record BloodPressure(@Min(100) @Max(250) Integer deferSystolicAbove,
			@Min(60) @Max(160) Integer deferDiastolicAbove, @Min(100) @Max(250) Integer confirmSystolicAboveUnder65,
			@Min(100) @Max(250) Integer confirmSystolicAbove65plus, @Min(60) @Max(160) Integer confirmDiastolicAbove,
			@Min(100) @Max(250) Integer urgentSystolicAtOrAbove, @Min(60) @Max(160) Integer urgentDiastolicAtOrAbove) {

		public BloodPressure {
			deferSystolicAbove = (deferSystolicAbove != null) ? deferSystolicAbove : 180;
			deferDiastolicAbove = (deferDiastolicAbove != null) ? deferDiastolicAbove : 100;
			confirmSystolicAboveUnder65 = (confirmSystolicAboveUnder65 != null) ? confirmSystolicAboveUnder65 : 140;
			confirmSystolicAbove65plus = (confirmSystolicAbove65plus != null) ? confirmSystolicAbove65plus : 150;
			confirmDiastolicAbove = (confirmDiastolicAbove != null) ? confirmDiastolicAbove : 90;
			urgentSystolicAtOrAbove = (urgentSystolicAtOrAbove != null) ? urgentSystolicAtOrAbove : 180;
			urgentDiastolicAtOrAbove = (urgentDiastolicAtOrAbove != null) ? urgentDiastolicAtOrAbove : 120;
			// fails start-up on thresholds in the wrong order
			gateOf(deferSystolicAbove, deferDiastolicAbove, confirmSystolicAboveUnder65, confirmSystolicAbove65plus,
					confirmDiastolicAbove, urgentSystolicAtOrAbove, urgentDiastolicAtOrAbove);
		}

		BloodPressureGate gate() {
			return gateOf(this.deferSystolicAbove, this.deferDiastolicAbove, this.confirmSystolicAboveUnder65,
					this.confirmSystolicAbove65plus, this.confirmDiastolicAbove, this.urgentSystolicAtOrAbove,
					this.urgentDiastolicAtOrAbove);
		}

		private static BloodPressureGate gateOf(int deferSystolic, int deferDiastolic, int confirmUnder65,
				int confirm65plus, int confirmDiastolic, int urgentSystolic, int urgentDiastolic) {
			return new BloodPressureGate(deferSystolic, deferDiastolic, confirmUnder65, confirm65plus, confirmDiastolic,
					urgentSystolic, urgentDiastolic);
		}

	}

	/**
	 * Least minutes of observation after dosing ends, before discharge.
	 *
	 * @param ivKetamine IV ketamine ({@code iv.postObservationMinMinutes} = 60)
	 * @param esketamine esketamine (at least 2 h, PI and REMS: 120)
	 */
	public record PostObservation(@Min(15) @Max(480) Integer ivKetamine, @Min(120) @Max(480) Integer esketamine) {

		public PostObservation {
			ivKetamine = (ivKetamine != null) ? ivKetamine : 60;
			esketamine = (esketamine != null) ? esketamine : 120;
		}

	}

}
