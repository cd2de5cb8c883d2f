/**
 * The transactional outbox: events recorded in the caller's database transaction and
 * published to Kafka by a single active relay, in commit order per key. A row Kafka
 * refuses for good is parked and the relay goes on (ADR 0016).
 */
package org.ketaclinic.platform.outbox;
