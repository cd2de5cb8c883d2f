/**
 * Check-ins: planned on the cadence of clinical-criteria.md §5 or asked by a clinician,
 * each a single-use expiring link; answers are validated, scored against the baseline
 * PHQ-9 and judged for safety and relapse risk.
 */
package org.ketaclinic.followup.checkin;
