package org.ketaclinic.screening.assessment;

import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.ketaclinic.screening.criteria.Criteria;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What a clinic tunes in screening: the criteria's thresholds and policies
 * ({@code ketaclinic.screening.criteria.*}, keys as in clinical-criteria.md), review
 * deadlines and how long an assessment stays valid.
 *
 * @param criteria thresholds and policies of the rules
 * @param reviewHours deadline of routine reviews (72 h)
 * @param validityDays how long an assessment can be approved
 * ({@code screening.validityDays}, 30)
 * @param clinicTimeZone the clinic's time zone: urgent reviews are due by the end of its
 * day
 */
@Validated
@ConfigurationProperties("ketaclinic.screening")
public record ScreeningProperties(Criteria criteria, @Min(1) @Max(336) Integer reviewHours,
		@Min(1) @Max(365) Integer validityDays, @NotBlank String clinicTimeZone,
		@Min(1) @Max(336) Integer relapseReviewHours) {

	public ScreeningProperties {
		criteria = (criteria != null) ? criteria : Criteria.defaults();
		reviewHours = (reviewHours != null) ? reviewHours : 72;
		validityDays = (validityDays != null) ? validityDays : 30;
		clinicTimeZone = (clinicTimeZone != null) ? clinicTimeZone : "UTC";
		relapseReviewHours = (relapseReviewHours != null) ? relapseReviewHours : 24;
		ZoneId.of(clinicTimeZone);
	}

	public ZoneId zone() {
		return ZoneId.of(this.clinicTimeZone);
	}

}
