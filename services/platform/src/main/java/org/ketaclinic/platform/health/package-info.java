/**
 * Health of what a service depends on beyond its database: the Kafka broker, part of the
 * readiness group.
 */
package org.ketaclinic.platform.health;
