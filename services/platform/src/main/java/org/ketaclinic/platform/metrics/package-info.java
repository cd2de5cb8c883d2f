/**
 * The platform's own metrics, beside HTTP, JVM and Kafka client metrics: what waits in
 * the outbox and how many events went to dead letters.
 */
package org.ketaclinic.platform.metrics;
