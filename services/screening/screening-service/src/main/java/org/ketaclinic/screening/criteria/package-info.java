/**
 * The suitability criteria of clinical-criteria.md §2 and §3 as plain Java: one small
 * named policy per rule, thresholds from
 * {@link org.ketaclinic.screening.criteria.Criteria}, no Spring, Kafka, JDBC or JSON
 * types.
 */
package org.ketaclinic.screening.criteria;
