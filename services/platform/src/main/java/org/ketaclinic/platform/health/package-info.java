/**
 * Health of what a service depends on beyond its database: the Kafka broker, reported on
 * {@code /actuator/health} and as a gauge, outside the readiness group (ADR 14); and the
 * outbox ({@code outbox}, DOWN while it holds parked events, ADR 16), outside it too.
 */
package org.ketaclinic.platform.health;
