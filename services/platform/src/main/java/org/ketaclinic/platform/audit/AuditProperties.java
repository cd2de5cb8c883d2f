package org.ketaclinic.platform.audit;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How refused requests are audited.
 *
 * @param refusalsPerSecond at most this many 401 and 403 responses a second are audited
 * one by one (per service instance); beyond that they are counted, and the count is
 * written as one {@code ACCESS_REFUSALS_NOT_RECORDED} entry once the rate falls again, so
 * a flood of anonymous requests costs a bounded number of inserts
 */
@Validated
@ConfigurationProperties("ketaclinic.audit")
public record AuditProperties(@Min(1) Integer refusalsPerSecond) {

	public AuditProperties {
		refusalsPerSecond = (refusalsPerSecond != null) ? refusalsPerSecond : 20;
	}

}
